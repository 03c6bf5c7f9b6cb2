"""Shared by the benchmarks: point Django at a benchmark database and bring its schema up to date."""

import os
from pathlib import Path


def setup_django(url: str) -> None:
    """Configure Django for `url` (DEBUG off: it would keep every query in memory) and migrate."""
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groundswell.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def bench_database_url(db: str, pg_url: str, sqlite_path: Path, *, reuse: bool = False) -> str:
    """The URL a benchmark runs on, emptied first unless `reuse`: PostgreSQL's database dropped and created
    again, or SQLite's file (and its -wal and -shm) removed."""
    if db == "postgres":
        if not reuse:
            import psycopg

            base, name = pg_url.rsplit("/", 1)
            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{name}"')
        return pg_url
    if not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{sqlite_path}"


def vacuum_analyze() -> None:
    """VACUUM sets the visibility map (as autovacuum does after a bulk load) so counts can use index-only scans;
    ANALYZE gives the planner the new tables' statistics."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
