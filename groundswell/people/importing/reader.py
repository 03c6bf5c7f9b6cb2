"""Opening a CSV as it comes: UTF-8 with or without BOM (Latin-1 when the bytes are not UTF-8), comma,
semicolon or tab, quoted newlines. The header is read and checked before any row."""

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DELIMITERS = (",", ";", "\t")
_SAMPLE = 64 * 1024
_BLOCK = 1024 * 1024
# Voter files have wide rows; the default limit (128 KiB) only protects against runaway quoting.
csv.field_size_limit(16 * 1024 * 1024)


class NotACsv(ValueError):
    """The file cannot be read as a CSV with a header row; the message says why in one line."""


@dataclass(frozen=True)
class CsvFormat:
    encoding: str  # "utf-8-sig" (reads with or without a BOM) or "latin-1"
    delimiter: str


def detect_encoding(path: str | Path) -> str:
    """UTF-8 when every byte of the file decodes as UTF-8 (a BOM is allowed), else Latin-1, which decodes
    any bytes. The whole file is checked: a Latin-1 "é" on row 900,000 must not stop the import there."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as f:
        while block := f.read(_BLOCK):
            try:
                decoder.decode(block)
            except UnicodeDecodeError:
                return "latin-1"
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "latin-1"
    return "utf-8-sig"


def _sniff_delimiter(sample: str) -> str:
    """The candidate that splits the header into the most columns, confirmed on the next lines when it
    can be (a comma inside a quoted header name must not win over the real semicolons)."""
    lines = sample.splitlines()[:20]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = list(csv.reader(lines, delimiter=delimiter))
        except csv.Error:
            continue
        if not rows:
            continue
        width = len(rows[0])
        consistent = sum(1 for row in rows[1:] if len(row) == width)
        score = (width > 1, consistent, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def open_csv(path: str | Path, fmt: CsvFormat):
    return open(path, encoding=fmt.encoding, newline="")


def read_header(path: str | Path) -> tuple[list[str], CsvFormat]:
    """The header row (blank names become "column N", repeated names get " (2)") and the file's format.

    Raises NotACsv when the file is missing, empty, binary or has no header row."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            raw = f.read(_SAMPLE)
    except FileNotFoundError:
        raise NotACsv(f"no such file: {path}") from None
    except IsADirectoryError:
        raise NotACsv(f"{path} is a directory, not a CSV file") from None
    except OSError as exc:
        raise NotACsv(f"cannot read {path}: {exc.strerror or exc}") from None
    if not raw.strip():
        raise NotACsv(f"{path.name} is empty")
    if b"\x00" in raw:
        raise NotACsv(f"{path.name} is not a CSV file (it contains binary data)")
    encoding = detect_encoding(path)
    sample = raw.decode(encoding, errors="ignore")
    if sample.startswith("\ufeff"):
        sample = sample[1:]
    fmt = CsvFormat(encoding=encoding, delimiter=_sniff_delimiter(sample))
    with open_csv(path, fmt) as f:
        try:
            header = next(csv.reader(f, delimiter=fmt.delimiter), None)
        except csv.Error as exc:
            raise NotACsv(f"{path.name} is not a CSV file ({exc})") from None
    if not header or not any(cell.strip() for cell in header):
        raise NotACsv(f"{path.name} has no header row (the first line is empty)")
    return _clean_header(header), fmt


def _clean_header(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for i, cell in enumerate(header, start=1):
        name = " ".join(cell.split()) or f"column {i}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def records(path: str | Path, fmt: CsvFormat) -> Iterator[tuple[int, list[str]]]:
    """(line, values) of each data record after the header, where `line` is the physical line the record
    starts on (header = line 1; a quoted newline makes a record span several lines). Records whose
    cells are all blank (empty lines, trailing ",,,,") are not rows and are skipped."""
    with open_csv(path, fmt) as f:
        reader = csv.reader(f, delimiter=fmt.delimiter)
        next(reader, None)
        end = reader.line_num
        for values in reader:
            line, end = end + 1, reader.line_num
            if any(v.strip() for v in values):
                yield line, values
