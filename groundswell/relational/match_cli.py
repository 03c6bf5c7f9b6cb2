"""`groundswell match --left CONTACTS.csv --right VOTERS.csv --out PAIRS.csv [--threshold T]`.

Reads two CSV files the way people actually save them (UTF-8 with or without BOM, else Latin-1; comma,
semicolon or tab), links them with the probabilistic matcher and writes `left_id,right_id,score`, one row
per matched pair (one-to-one), best first. No Django: this runs anywhere the package is installed.
Every problem with an input file is one line on stderr and exit code 2, and then no output file is written.
"""

import argparse
import csv
import io
import os
import sys
import tempfile
from pathlib import Path

from groundswell.relational.matching import DEFAULT_THRESHOLD, Record, link
from groundswell.relational.matching.bulk import no_gc_pauses
from groundswell.relational.matching.records import FIELDS

NAME_COLUMNS = ("first_name", "middle_name", "last_name")
_ALIASES = {
    "firstname": "first_name", "given_name": "first_name", "first": "first_name",
    "middlename": "middle_name", "middle": "middle_name",
    "lastname": "last_name", "surname": "last_name", "family_name": "last_name", "last": "last_name",
    "date_of_birth": "dob", "birth_date": "dob", "birthdate": "dob",
    "zip_code": "zip", "zipcode": "zip", "postal_code": "zip",
    "phone_number": "phone", "mobile": "phone", "email_address": "email", "e_mail": "email",
}


class InputFileError(ValueError):
    """An input file the matcher cannot use; the message is one line naming the file."""


def column_name(header: str) -> str:
    """'First Name' / 'first-name' / 'FIRSTNAME' -> 'first_name'; unknown columns come back normalised."""
    name = "_".join(header.strip().lower().replace("-", " ").replace(".", " ").split())
    return _ALIASES.get(name, name)


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data:
        raise InputFileError(f"{path}: not a CSV file (binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    # Latin-1 decodes any bytes; control characters other than line breaks and tabs mean it is not text.
    if sum(1 for ch in text[:10_000] if ord(ch) < 32 and ch not in "\r\n\t") > 0:
        raise InputFileError(f"{path}: not a CSV file (not text)")
    return text


def _dialect(text: str) -> type[csv.Dialect]:
    sample = text[:20_000]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:  # e.g. a single column, or too few rows to tell: the header's most frequent delimiter
        header = sample.splitlines()[0] if sample else ""
        best = max(",;\t", key=header.count)

        class Dialect(csv.excel):
            delimiter = best

        return Dialect


def read_records(path_text: str) -> list[Record]:
    """The file's rows as Records (recognised columns only). Raises InputFileError with one clear line."""
    path = Path(path_text)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputFileError(f"{path}: is a directory, not a CSV file") from None
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    text = _decode(path, data)
    if not text.strip():
        raise InputFileError(f"{path}: the file is empty")
    try:
        rows = csv.reader(io.StringIO(text, newline=""), _dialect(text))
        header = [column_name(h) for h in next(rows)]
        _check_header(path, header)
        positions = {field: header.index(field) for field in ("id", *FIELDS) if field in header}
        records = []
        seen: set[str] = set()
        for row in rows:
            if not any(cell.strip() for cell in row):
                continue
            values = {field: row[k].strip() if k < len(row) else "" for field, k in positions.items()}
            if not values["id"]:
                raise InputFileError(f"{path}: line {rows.line_num} has no id")
            if values["id"] in seen:
                raise InputFileError(f"{path}: id {values['id']!r} appears twice (line {rows.line_num})")
            seen.add(values["id"])
            records.append(Record(**values))
    except csv.Error as exc:
        raise InputFileError(f"{path}: not a readable CSV file ({exc})") from None
    return records


def _check_header(path: Path, header: list[str]) -> None:
    shown = ", ".join(h for h in header if h)[:200] or "nothing"
    if "id" not in header:
        raise InputFileError(f"{path}: no 'id' column (the header has: {shown})")
    if not any(name in header for name in NAME_COLUMNS):
        raise InputFileError(f"{path}: none of the name columns {', '.join(NAME_COLUMNS)} (the header has: {shown})")


def write_pairs(path: Path, pairs: list[tuple[str, str, float]]) -> None:
    """Write atomically (a temporary file renamed over the target), so a failure leaves no half file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["left_id", "right_id", "score"])
            writer.writerows((left_id, right_id, f"{score:.6f}") for left_id, right_id, score in pairs)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run_match(args: argparse.Namespace) -> int:
    from groundswell.cli import BadInput

    out = Path(args.out)
    try:
        with no_gc_pauses():
            left = read_records(args.left)
            right = read_records(args.right)
    except InputFileError as exc:
        raise BadInput(str(exc)) from None
    if not out.parent.is_dir():
        raise BadInput(f"{out}: the folder {out.parent} does not exist")
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    pairs = link(left, right, threshold=threshold)
    try:
        write_pairs(out, pairs)
    except OSError as exc:
        raise BadInput(f"{out}: cannot write it ({exc.strerror or exc})") from None
    print(f"{len(pairs)} of {len(left)} contacts matched (probability >= {threshold:g}) -> {out}", file=sys.stderr)
    return 0
