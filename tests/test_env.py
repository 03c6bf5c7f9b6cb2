import pytest
from django.core.exceptions import ImproperlyConfigured

from groundswell.env import env_bool, env_database, env_int, env_list


def test_it_reads_booleans_strictly(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG")


def test_it_reads_numbers_and_lists(monkeypatch):
    monkeypatch.setenv("N", "12")
    monkeypatch.setenv("HOSTS", " a.org, b.org ,")
    assert (env_int("N", 1), env_list("HOSTS", [])) == (12, ["a.org", "b.org"])
    monkeypatch.setenv("N", "twelve")
    with pytest.raises(ImproperlyConfigured):
        env_int("N", 1)


@pytest.mark.parametrize("url", ["mysql://root@localhost/db", "nonsense", "postgresql://user:secret@host:5432/"])
def test_it_refuses_unsupported_or_incomplete_database_urls_without_echoing_passwords(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured) as error:
        env_database("DATABASE_URL", "sqlite:///x")
    assert "secret" not in str(error.value)


def test_it_parses_postgres_and_sqlite_urls(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/groundswell")
    assert env_database("DATABASE_URL", "")["NAME"] == "groundswell"
    monkeypatch.delenv("DATABASE_URL")
    assert env_database("DATABASE_URL", "sqlite:////tmp/x.sqlite3")["ENGINE"] == "django.db.backends.sqlite3"
