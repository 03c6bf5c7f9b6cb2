"""The `groundswell` command: demo, serve, worker, createadmin and a passthrough to Django's commands.

Django is imported and set up only inside the sub-commands that need it, so `groundswell --help` is instant.
Every failure an operator can cause (bad settings, unreachable database, busy port) ends in one line on
stderr and a non-zero exit code, never a traceback.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from typing import NoReturn

PROG = "groundswell"


class CliError(Exception):
    """A failure to report as one line, `groundswell: <message>`, with exit code 1."""

    exit_code = 1


class BadInput(CliError):
    """Input the command cannot use (a missing file, an unknown team…): one line, exit code 2."""

    exit_code = 2


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line instead of argparse's usage block: the fix is in --help.
        top = self.prog.split(" ", 1)[0]
        self.exit(2, f"{top}: error: {message} (see '{self.prog} --help')\n")


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groundswell.settings")
    # Static files are served from the app and project folders (WHITENOISE_USE_FINDERS), so there is no
    # collectstatic step to forget; whitenoise still warns that STATIC_ROOT is missing, which is expected.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        parser.error(f"unrecognized arguments: {' '.join(extras)}")
    if args.command is None:
        parser.error("a command is required")
    try:
        return args.handler(args) or 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `groundswell demo | head`: the reader left, which is not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # every known failure becomes one line; anything else re-raises
        message = _one_line_reason(exc)
        if message is None:
            raise
        print(f"{PROG}: {message}", file=sys.stderr)
        return getattr(exc, "exit_code", 1)


def _one_line_reason(exc: Exception) -> str | None:
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError

    def first_line(text: object) -> str:
        return (str(text).strip().splitlines() or [type(exc).__name__])[0]

    if isinstance(exc, CliError | ImproperlyConfigured):
        return first_line(exc)
    if isinstance(exc, DatabaseError):
        return f"database error: {first_line(exc)}"
    return None


def build_parser() -> Parser:
    parser = Parser(prog=PROG, description="Groundswell: a self-hosted platform for distributed organizing.")
    commands = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND")

    def command(name: str, handler: Callable[[argparse.Namespace], int | None], help: str) -> Parser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(handler=handler)
        return sub

    demo = command("demo", cmd_demo, "Set up a local demo database with sample data and serve it.")
    demo.add_argument("--load-only", action="store_true", help="load the demo data, then exit without serving")
    demo.add_argument("--size", choices=["small", "medium"], default="small",
                      help="small: ~300 volunteers; medium: ~1500 (default: small)")
    _add_server_arguments(demo)

    serve = command("serve", cmd_serve, "Run the web server together with a background worker.")
    _add_server_arguments(serve)
    serve.add_argument("--threads", type=_positive, default=4, help="web server threads (default: 4)")

    worker = command("worker", cmd_worker, "Run a background worker alone (start more on other machines).")
    worker.add_argument("--queue-name", default="default", help="queues to process, comma-separated")
    worker.add_argument("--interval", type=float, default=1.0, help="seconds between polls when idle")
    worker.add_argument("--quiet", action="store_true", help="log only failed tasks")

    admin = command("createadmin", cmd_createadmin, "Create a staff superuser who can sign in to /admin/.")
    admin.add_argument("--email", help="sign-in email (prompted for when omitted)")
    admin.add_argument("--name", help="full name (prompted for when omitted)")
    admin.add_argument("--password-from-env", metavar="VAR", help="read the password from this environment variable")

    importer = command("import", cmd_import, "Import data from a file (a voter file: 'import people').")
    kinds = importer.add_subparsers(title="what to import", dest="kind", metavar="WHAT", required=True)
    people = kinds.add_parser(
        "people", help="people from a CSV voter file",
        description="Import people from a CSV file (header row; UTF-8 or Latin-1; comma, semicolon or tab). "
        "Running the same command again after an interruption resumes where it stopped.",
    )
    people.add_argument("file", metavar="FILE", help="the CSV file")
    people.add_argument("--team", required=True, metavar="SLUG", help="the team that will own the people")
    people.add_argument("--mapping", metavar="MAP.json",
                        help='{"CSV column": "field"} as JSON (default: suggested from the column names)')
    people.add_argument("--errors", metavar="ERRORS.csv",
                        help="where to write rejected rows (default: FILE.errors.csv when any row is rejected)")
    people.add_argument("--update", action="store_true",
                        help="update people already in the CRM (default: leave them as they are)")

    match = command("match", cmd_match, "Link a contact list to a voter file (probabilistic record linkage).")
    match.add_argument("--left", required=True, metavar="CONTACTS.csv",
                       help="the contacts to find (needs an id column)")
    match.add_argument("--right", required=True, metavar="VOTERS.csv", help="the voter file to find them in")
    match.add_argument("--out", required=True, metavar="PAIRS.csv", help="where to write left_id,right_id,score")
    match.add_argument("--threshold", type=_probability, default=None, metavar="T",
                       help="lowest match probability kept, 0-1 (default: the matcher's own cut-off)")

    analyze = command("analyze", cmd_analyze, "Analyse a program's results (turnout lift: 'analyze lift').")
    analyses = analyze.add_subparsers(title="what to analyse", dest="analysis", metavar="WHAT", required=True)
    lift = analyses.add_parser(
        "lift", help="turnout lift of a randomized captain program",
        description="Intention-to-treat effect of a randomized program with standard errors clustered by "
        "captain; the complier effect too when a 'contacted' column is given.",
    )
    lift.add_argument("--data", required=True, metavar="ROWS.csv",
                      help="person_id,captain_id,treated,voted[,contacted] (0/1 values)")
    lift.add_argument("--out", metavar="REPORT.json", help="write the report here (default: print it)")

    manage = command("manage", cmd_manage, "Run a Django management command (e.g. migrate, check).")
    manage.add_argument("args", nargs=argparse.REMAINDER, help="the command and its arguments")
    return parser


def _add_server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")


def _port(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (1-65535)")
    return int(value)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def _probability(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return number


def _setup() -> None:
    import django

    django.setup()


def cmd_demo(args: argparse.Namespace) -> int:
    # Demo mode accepts the public demo secret and plain-HTTP cookies; it is for a laptop, not a server.
    os.environ["GROUNDSWELL_DEMO"] = "1"
    if not args.load_only:
        _set_site_url(args.host, args.port)
    _setup()
    from django.core.management import call_command

    from groundswell.orgs.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_is_loaded, demo_load

    call_command("migrate", verbosity=0, interactive=False)
    if demo_is_loaded():
        print("The demo movement is already loaded.")
    else:
        print(f"Loading the demo movement ({args.size})…", end=" ", flush=True)
        started = time.monotonic()
        try:
            summary = demo_load(size=args.size)
        except ValueError as exc:
            print()
            raise CliError(str(exc)) from None
        print(f"{summary.teams} teams and {summary.users} people in {time.monotonic() - started:.1f}s.")
    print(f"\nSign in with any of these (password: {DEMO_PASSWORD}):")
    width = max(len(email) for email, _ in DEMO_LOGINS)
    for email, description in DEMO_LOGINS:
        print(f"  {email:<{width}}  {description}")
    if args.load_only:
        return 0
    print()
    return _serve(host=args.host, port=args.port, threads=4)


def cmd_serve(args: argparse.Namespace) -> int:
    return _serve(host=args.host, port=args.port, threads=args.threads)


def _set_site_url(host: str, port: int) -> str:
    """Links in emails point at this server unless SITE_URL says otherwise; read before settings load."""
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "") else host
    url = f"http://{f'[{shown_host}]' if ':' in shown_host else shown_host}:{port}/"
    os.environ.setdefault("SITE_URL", url.rstrip("/"))
    return url


def _serve(*, host: str, port: int, threads: int) -> int:
    url = _set_site_url(host, port)
    _setup()
    _check_database()
    server = _create_server(host=host, port=port, threads=threads)
    worker = _start_worker()
    stopping = threading.Event()
    threading.Thread(target=_watch_worker, args=(worker, stopping), daemon=True).start()
    print(f"Groundswell is running at {url} (press Ctrl-C to stop).", flush=True)
    # SIGTERM (systemd, docker stop) takes the same clean path as Ctrl-C: stop serving, then the worker.
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        stopping.set()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        server.close()
        _stop_worker(worker)
    print("Stopped.")
    return 0


def _watch_worker(worker: subprocess.Popen, stopping: threading.Event) -> None:
    code = worker.wait()
    if not stopping.is_set():
        print(f"{PROG}: warning: the background worker stopped (exit code {code}); background tasks will wait "
              f"until the server is restarted", file=sys.stderr, flush=True)


def _raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _check_database() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    connection.ensure_connection()
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        print(f"{PROG}: warning: the database has unapplied migrations; run '{PROG} manage migrate'",
              file=sys.stderr)
    connection.close()  # waitress threads open their own connections


def _create_server(*, host: str, port: int, threads: int):
    import errno

    from waitress.server import create_server

    from groundswell.wsgi import application

    try:
        return create_server(application, host=host, port=port, threads=threads, ident="groundswell")
    except ValueError:  # waitress's word for a host name that does not resolve
        raise CliError(f"cannot listen on {host}:{port}: unknown host") from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise CliError(f"port {port} on {host} is already in use (choose another with --port)") from None
        raise CliError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def _start_worker() -> subprocess.Popen:
    command = [sys.executable, "-m", "groundswell.cli", "worker", "--quiet"]
    return subprocess.Popen(command, preexec_fn=_die_with_parent if sys.platform == "linux" else None)


def _die_with_parent() -> None:
    """Linux only: if the server is killed outright (SIGKILL), the kernel sends the worker SIGTERM too."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _stop_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.terminate()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def cmd_worker(args: argparse.Namespace) -> int:
    _setup()
    from django.core.management import call_command
    from django_tasks_db.management.commands.db_worker import Command as DbWorker

    class Worker(DbWorker):
        def configure_logging(self, verbosity: int) -> None:
            super().configure_logging(verbosity)
            if args.quiet:
                import logging

                from django_tasks_db.compat import TASKS_LOGGER

                # Failed tasks are logged at ERROR, so they still show; starts, successes and the
                # shutdown notice do not.
                logging.getLogger(TASKS_LOGGER).setLevel(logging.ERROR)
                logging.getLogger("django_tasks_db").setLevel(logging.ERROR)

    call_command(Worker(), queue_name=args.queue_name, interval=args.interval, reload=False)
    return 0


def cmd_createadmin(args: argparse.Namespace) -> int:
    _setup()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from groundswell.accounts.models import User

    email = (args.email or _prompt("Email: ")).strip().lower()
    # A sanity check only: the operator may use an internal domain that a strict validator rejects.
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise CliError(f"{email!r} is not an email address")
    if User.objects.filter(email__iexact=email).exists():
        raise CliError(f"a user with email {email} already exists")
    name = (args.name or _prompt("Full name: ")).strip()
    if not name:
        raise CliError("a name is required (--name)")
    password = _read_password(args.password_from_env)
    try:
        validate_password(password, User(email=email, full_name=name))
    except ValidationError as exc:
        raise CliError(f"password rejected: {' '.join(exc.messages)}") from None
    User.objects.create_superuser(email=email, password=password, full_name=name)
    print(f"Created admin {email}; sign in at /admin/ or the home page.")
    return 0


def _prompt(label: str) -> str:
    if not sys.stdin.isatty():
        raise CliError(f"{label.rstrip(': ').lower()} is required (no terminal to ask on; pass it as an option)")
    return input(label)


def _read_password(env_var: str | None) -> str:
    if env_var:
        password = os.environ.get(env_var)
        if not password:
            raise CliError(f"environment variable {env_var} is not set or empty")
        return password
    if not sys.stdin.isatty():
        raise CliError("no terminal to ask for a password on: pass --password-from-env VAR")
    import getpass

    password = getpass.getpass("Password: ")
    if getpass.getpass("Password (again): ") != password:
        raise CliError("the two passwords differ")
    return password


def cmd_import(args: argparse.Namespace) -> int:
    _setup()
    import csv

    from groundswell.people.importing.command import ImportInputError, import_people, summary_line

    try:
        outcome = import_people(path=args.file, team_slug=args.team, mapping_path=args.mapping,
                                errors_path=args.errors, update=args.update, progress_stream=sys.stderr)
    except ImportInputError as exc:
        raise BadInput(str(exc)) from None
    except KeyboardInterrupt:
        print(f"\n{PROG}: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    except (OSError, UnicodeError, ValueError, csv.Error) as exc:  # e.g. the file became unreadable half-way
        raise CliError(f"import stopped: {exc}; run the same command again to resume") from None
    print(summary_line(outcome))
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    # No Django: the matcher is plain Python over two files, so analysts can run it anywhere.
    from groundswell.relational.match_cli import run_match

    return run_match(args)


def cmd_analyze(args: argparse.Namespace) -> int:
    from groundswell.relational.lift_cli import run_lift

    return run_lift(args)


def cmd_manage(args: argparse.Namespace) -> int:
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line([f"{PROG} manage", *args.args])
    return 0


if __name__ == "__main__":
    # Run the imported module's main: under `python -m groundswell.cli` this file is also `__main__`, and the
    # handlers' BadInput (imported from groundswell.cli) must be the class main() catches.
    from groundswell.cli import main as _main

    sys.exit(_main())
