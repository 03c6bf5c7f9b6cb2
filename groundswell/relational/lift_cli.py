"""`groundswell analyze lift --data ROWS.csv [--out REPORT.json]`: the lift report from a CSV, for analysts.

Plain Python over one file (no Django), so it runs anywhere the package is installed. Every problem with the
file is reported as one line naming the line number where it is, and nothing is written.
"""

import argparse
import csv
import io
import json
from pathlib import Path

from groundswell.relational.lift import LiftReport, LiftRow, lift

REQUIRED = ("person_id", "captain_id", "treated", "voted")
OPTIONAL = ("contacted",)
_FLAGS = ("treated", "voted", "contacted")


def run_lift(args: argparse.Namespace) -> int:
    from groundswell.cli import BadInput

    try:
        rows = read_rows(Path(args.data))
        report = lift(rows)
    except ValueError as exc:  # LiftInputError included: both are the file's fault, said in one line
        raise BadInput(f"{args.data}: {exc}") from None
    text = json.dumps(report.as_dict(), indent=2, allow_nan=False)
    if args.out is None:
        print(text)
        return 0
    try:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(f"Wrote {args.out}: {summary(report)}")
    return 0


def summary(report: LiftReport) -> str:
    """One line a person reads: the effect in percentage points, its interval, p and the sample."""
    line = (f"ITT {report.itt * 100:+.1f} points (95% CI {report.ci_low * 100:+.1f} to {report.ci_high * 100:+.1f}, "
            f"p = {report.p_value:.3g}); {report.n_treated} treated vs {report.n_control} control "
            f"in {report.n_clusters} captains")
    if report.cace is not None:
        line += f"; complier effect {report.cace * 100:+.1f} points (SE {report.cace_se * 100:.1f})"
    return "; ".join([line, *report.notes])


class LiftInputError(ValueError):
    """The rows file cannot be read; the message says where and why in one line."""


def read_rows(path: Path) -> list[LiftRow]:
    """The rows of a `person_id,captain_id,treated,voted[,contacted]` CSV (UTF-8 with or without a BOM, or
    Latin-1; comma, semicolon or tab). Raises LiftInputError for anything that is not such a file."""
    text = _read_text(path)
    lines = text.splitlines()
    delimiter = max((",", ";", "\t"), key=lambda d: lines[0].count(d)) if lines else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if header is None or not any(cell.strip() for cell in header):
        raise LiftInputError("the file is empty (expected a header: person_id,captain_id,treated,voted)")
    columns = [cell.strip().lower() for cell in header]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise LiftInputError(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                             f"(the header is: {','.join(header)[:80]})")
    index = {name: columns.index(name) for name in (*REQUIRED, *OPTIONAL) if name in columns}
    rows: list[LiftRow] = []
    seen: dict[str, int] = {}
    line = 1
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        values = {name: (record[i].strip() if i < len(record) else "") for name, i in index.items()}
        for name in ("person_id", "captain_id"):
            if not values[name]:
                raise LiftInputError(f"line {line}: {name} is empty")
        flags = {name: _flag(values[name], name, line) for name in _FLAGS if name in values}
        person = values["person_id"]
        if person in seen:
            raise LiftInputError(f"line {line}: person_id {person!r} already appears on line {seen[person]}")
        seen[person] = line
        rows.append(LiftRow(person_id=person, captain_id=values["captain_id"], **flags))
    if not rows:
        raise LiftInputError("no rows after the header")
    return rows


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LiftInputError("no such file") from None
    except IsADirectoryError:
        raise LiftInputError("is a directory, not a CSV file") from None
    except OSError as exc:
        raise LiftInputError(f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in data:
        raise LiftInputError("not a CSV file (binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _flag(value: str, name: str, line: int) -> bool:
    if value not in ("0", "1"):
        raise LiftInputError(f"line {line}: {name} must be 0 or 1, not {value!r}")
    return value == "1"
