"""Benchmark: how fast does a voter file import, compared with the database's own bulk load?

    bench/import.py --rows 1000000 --db postgres [--url postgresql://postgres@127.0.0.1:5432/gs_bench_import]

Writes a seeded voter-file CSV of --rows rows, imports it through the real import path (import_create +
run_import: header check, parsing, phone/email/date validation, matching, COPY-staged upserts of people,
phones, emails, voter ids, votes and tags) into a fresh database, then loads the same CSV with a bare
`COPY ... FROM STDIN (FORMAT csv)` — no parsing, no upsert — into an empty table created like the person
table with the same indexes (SQLite: executemany of the raw rows). Prints one JSON line:
{"bench": "import", "db", "rows", "rows_per_s", "copy_rows_per_s", "ratio", "peak_rss_mb"}.
peak_rss_mb is the process's peak resident memory after the import (before the bare load).
"""

import argparse
import csv
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import bench_database_url  # noqa: E402 - after the path is set
from _django import setup_django as django_for  # noqa: E402

# The CSV columns that have a column of the same meaning in the person table; the rest get text columns.
BARE_COLUMNS = {
    "First Name": "first_name", "Middle": "middle_name", "Last Name": "last_name", "DOB": "birth_date",
    "Address": "address1", "City": "city", "State": "state", "Zip": "zip", "Party": "party",
    "Status": "registration_status", "County": "county", "Precinct": "precinct", "CD": "congressional_district",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432/gs_bench_import")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the import to FILE")
    return parser.parse_args()


def setup_django(args: argparse.Namespace, folder: Path) -> None:
    url = bench_database_url(args.db, args.url, folder / "bench.sqlite3")
    django_for(url)


def run_real_import(path: Path, profile: str | None) -> tuple[float, dict]:
    from groundswell.orgs.models import Team
    from groundswell.orgs.services import team_create
    from groundswell.people.importing.mapping import suggest_mapping
    from groundswell.people.importing.reader import read_header
    from groundswell.people.importing.runner import import_create, run_import

    org = team_create(actor=None, parent=None, name="Bench Org", kind=Team.Kind.NATIONAL)
    started = time.perf_counter()
    header, _ = read_header(path)
    job = import_create(actor=None, team=org, path=path, file_name=path.name, mapping=suggest_mapping(org, header))
    if profile:
        import cProfile

        cProfile.runctx("run_import(job)", globals(), {"run_import": run_import, "job": job}, profile)
    else:
        run_import(job)
    seconds = time.perf_counter() - started
    return seconds, {"imported": job.imported, "updated": job.updated, "rejected": job.rejected}


def bare_load(path: Path) -> float:
    """Seconds to load the CSV, unparsed, into an empty copy of the person table with its indexes."""
    from django.db import connection

    from groundswell.people.models import Person

    with open(path, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    columns = [BARE_COLUMNS.get(c) or f"raw_{i}" for i, c in enumerate(header)]
    table = Person._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f"CREATE TABLE bare_person (LIKE {table} INCLUDING ALL)")
            # Every column nullable: the CSV fills only some, and an empty CSV field loads as NULL.
            for column in _not_null_columns(cur, "bare_person"):
                cur.execute(f'ALTER TABLE bare_person ALTER COLUMN "{column}" DROP NOT NULL')
            for column in columns:
                if column.startswith("raw_"):
                    cur.execute(f"ALTER TABLE bare_person ADD COLUMN {column} text")
            cur.execute("SET DateStyle = 'ISO, MDY'")
            started = time.perf_counter()
            with cur.copy(f"COPY bare_person ({', '.join(columns)}) FROM STDIN (FORMAT csv, HEADER true)") as copy, \
                    open(path, "rb") as f:
                while block := f.read(1024 * 1024):
                    copy.write(block)
            connection.commit() if not connection.get_autocommit() else None
            return time.perf_counter() - started
        return _bare_sqlite(cur, table, path, columns)


def _not_null_columns(cur, table: str) -> list[str]:
    cur.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND is_nullable = 'NO' "
        "AND column_name <> 'id'", [table],
    )
    return [name for (name,) in cur.fetchall()]


def _bare_sqlite(cur, table: str, path: Path, columns: list[str]) -> float:
    from django.db import transaction

    cur.execute("SELECT sql FROM sqlite_master WHERE tbl_name = %s AND sql IS NOT NULL", [table])
    statements = [sql for (sql,) in cur.fetchall()]
    create = statements[0].replace(f'"{table}"', '"bare_person"', 1)
    # Every column nullable (the CSV fills only some), plus text columns for the CSV's other columns.
    create = create.replace(" NOT NULL", "")
    extra = "".join(f', "{c}" text' for c in columns if c.startswith("raw_"))
    create = create[: create.rindex(")")] + extra + ")"
    cur.execute(create)
    for sql in statements[1:]:
        if sql.startswith("CREATE") and "INDEX" in sql:
            cur.execute(sql.replace(f'"{table}"', '"bare_person"').replace('INDEX "', 'INDEX "bare_'))
    placeholders = ", ".join(["%s"] * len(columns))
    insert = f"INSERT INTO bare_person ({', '.join(columns)}) VALUES ({placeholders})"
    started = time.perf_counter()
    # One transaction, as one COPY is: the baseline is the database's work, not a commit per row.
    with transaction.atomic(), open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        while batch := [row for _, row in zip(range(5000), reader, strict=False)]:
            cur.executemany(insert, batch)
    return time.perf_counter() - started


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="gs_bench_import_") as tmp:
        folder = Path(tmp)
        from groundswell.people.importing.sample import write_voter_file

        path = write_voter_file(folder / "voters.csv", args.rows, seed=args.seed)
        setup_django(args, folder)
        seconds, counts = run_real_import(path, args.profile)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        bare_seconds = bare_load(path)
    print(json.dumps({"import_seconds": round(seconds, 1), "copy_seconds": round(bare_seconds, 1), **counts}),
          file=sys.stderr)
    rate, bare_rate = args.rows / seconds, args.rows / bare_seconds
    print(json.dumps({
        "bench": "import", "db": args.db, "rows": args.rows, "rows_per_s": round(rate),
        "copy_rows_per_s": round(bare_rate), "ratio": round(rate / bare_rate, 3), "peak_rss_mb": round(peak_mb, 1),
    }), flush=True)


if __name__ == "__main__":
    main()
