"""The `groundswell` command, run as a real process against a temporary SQLite file.

These tests exercise the command line, not the database backend, so they always use SQLite, even when the
suite itself runs on PostgreSQL.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECRET = "cli-test-secret-key-not-for-production-0123456789"
# Variables the test process sets for itself (pytest-django, test_settings) that must not leak into the CLI.
LEAKY = {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "GROUNDSWELL_DEMO", "SECURE_COOKIES", "SITE_URL"}


def cli_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in LEAKY}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite3", GROUNDSWELL_VAR_DIR=str(tmp_path), SECRET_KEY=SECRET)
    env.update(extra)
    return env


def run(env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "groundswell.cli", *args],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """One `demo --load-only` run shared by the tests below; each copies the database file it leaves."""
    folder = tmp_path_factory.mktemp("demo")
    # A few hundred voter-file people instead of 20,000: this tests the command, not the import's speed.
    env = cli_env(folder, GROUNDSWELL_DEMO_PEOPLE="300")
    del env["SECRET_KEY"]  # demo mode accepts the public demo secret
    result = run(env, "demo", "--load-only")
    assert result.returncode == 0, result.stderr
    return folder / "x.sqlite3", result


@pytest.fixture
def loaded_env(demo_db, tmp_path) -> dict[str, str]:
    """The environment of a CLI on its own copy of the demo database."""
    shutil.copy(demo_db[0], tmp_path / "x.sqlite3")
    return cli_env(tmp_path)


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


@pytest.mark.parametrize("args", [[], ["demo"], ["serve"], ["worker"], ["createadmin"], ["manage"]])
def test_it_shows_help(tmp_path, args):
    result = run(cli_env(tmp_path), *args, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: groundswell")


@pytest.mark.parametrize("args", [["--bogus"], ["demo", "--bogus"]])
def test_it_rejects_an_unknown_argument_in_one_line(tmp_path, args):
    result = run(cli_env(tmp_path), *args)
    assert result.returncode == 2
    assert one_line(result.stderr) == "groundswell: error: unrecognized arguments: --bogus (see 'groundswell --help')"


def test_it_rejects_a_bad_port_in_one_line(tmp_path):
    result = run(cli_env(tmp_path), "serve", "--port", "99999")
    assert result.returncode == 2
    assert "'99999' is not a port number" in one_line(result.stderr)


def test_it_rejects_an_unknown_command_in_one_line(tmp_path):
    result = run(cli_env(tmp_path), "frobnicate")
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in one_line(result.stderr)


def test_it_reports_an_unsupported_database_in_one_line(tmp_path):
    result = run(cli_env(tmp_path, DATABASE_URL="mysql://x"), "demo", "--load-only")
    assert result.returncode == 1
    assert one_line(result.stderr).startswith("groundswell: DATABASE_URL must be a sqlite:/// or postgresql:// URL")
    assert "Traceback" not in result.stderr


def test_it_reports_an_unreachable_database_in_one_line(tmp_path):
    result = run(cli_env(tmp_path, DATABASE_URL="postgresql://postgres@127.0.0.1:1/nope"), "manage", "migrate")
    assert result.returncode == 1
    assert one_line(result.stderr).startswith("groundswell: database error:")
    assert "Traceback" not in result.stderr


def test_it_refuses_to_serve_with_the_demo_secret(tmp_path):
    env = cli_env(tmp_path)
    del env["SECRET_KEY"]
    result = run(env, "serve", "--port", str(free_port()))
    assert result.returncode == 1
    assert one_line(result.stderr).startswith("groundswell: SECRET_KEY is not set: production refuses the demo secret")


def test_it_loads_the_demo_once_and_prints_the_logins(demo_db, loaded_env):
    first = demo_db[1]
    assert "Loading the demo movement" in first.stdout
    for email in ("admin@example.org", "organizer@example.org", "leader@example.org", "volunteer@example.org"):
        assert email in first.stdout
    assert "groundswell-demo" in first.stdout

    del loaded_env["SECRET_KEY"]
    started = time.monotonic()
    second = run(loaded_env, "demo", "--load-only")
    assert second.returncode == 0, second.stderr
    assert "already loaded" in second.stdout
    assert "Loading" not in second.stdout
    assert "admin@example.org" in second.stdout
    assert time.monotonic() - started < 10


def test_it_creates_an_admin_once(loaded_env):
    loaded_env["PW"] = "a-long-enough-password"
    created = run(loaded_env, "createadmin", "--email", "a@b.c", "--name", "X", "--password-from-env", "PW")
    assert created.returncode == 0, created.stderr
    assert "a@b.c" in created.stdout

    again = run(loaded_env, "createadmin", "--email", "A@b.c", "--name", "X", "--password-from-env", "PW")
    assert again.returncode == 1
    assert one_line(again.stderr) == "groundswell: a user with email a@b.c already exists"


def test_it_needs_a_password_when_there_is_no_terminal(loaded_env):
    result = run(loaded_env, "createadmin", "--email", "a@b.c", "--name", "X")
    assert result.returncode == 1
    assert "--password-from-env" in one_line(result.stderr)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker through /proc")
def test_it_serves_with_a_worker_and_stops_both(loaded_env):
    env = loaded_env
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "groundswell.cli", "serve", "--port", str(port)],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert wait_for(lambda: get(f"http://127.0.0.1:{port}/healthz") == 200, timeout=30), server_output(server)
        assert get(f"http://127.0.0.1:{port}/static/vendor/htmx.min.js") == 200
        assert wait_for(lambda: children_of(server.pid), timeout=10)
        (worker_pid,) = children_of(server.pid)
        assert "worker" in Path(f"/proc/{worker_pid}/cmdline").read_text()

        busy = run(env, "serve", "--port", str(port))
        assert busy.returncode == 1
        assert "already in use" in one_line(busy.stderr)

        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=10) == 0
        assert not Path(f"/proc/{worker_pid}").exists()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except OSError:
        return None


def wait_for(condition, *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def children_of(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def server_output(server: subprocess.Popen) -> str:
    server.kill()
    out, err = server.communicate()
    return out + err
