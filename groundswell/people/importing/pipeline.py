"""Reading and parsing the next chunk while the database writes the current one.

Most of an import's time is spent either parsing rows in Python or waiting for the database, and the
database driver releases the GIL while it waits. So a reader thread parses up to AHEAD chunks ahead of
the writer: memory stays bounded (AHEAD + 1 chunks), writes stay in file order on one connection, and a
chunk parsed but not yet written when the process dies is simply read again by the next run."""

import itertools
import queue
import threading
from collections.abc import Iterable, Iterator

from groundswell.people.importing.rows import ParsedRow, RowParser, RowRejected

AHEAD = 2
_END = object()

Rejection = tuple[int, str, list[str]]


def parse_chunk(parser: RowParser, chunk: list[tuple[int, list[str]]]) -> tuple[list[ParsedRow], list[Rejection]]:
    parsed, rejected = [], []
    for line, values in chunk:
        try:
            parsed.append(parser.parse(line, values))
        except RowRejected as exc:
            rejected.append((line, str(exc), values))
    return parsed, rejected


class ParsedChunks:
    """Iterate (rows read, parsed rows, rejections) per chunk; use as a context manager."""

    def __init__(self, rows: Iterable[tuple[int, list[str]]], parser: RowParser, size: int) -> None:
        self._queue: queue.Queue = queue.Queue(maxsize=AHEAD)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(iter(rows), parser, size), daemon=True)

    def __enter__(self) -> "ParsedChunks":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        while self._thread.is_alive():  # unblock a reader waiting to put
            try:
                self._queue.get(timeout=0.05)
            except queue.Empty:
                pass
        self._thread.join()

    def __iter__(self) -> Iterator[tuple[int, list[ParsedRow], list[Rejection]]]:
        while (item := self._queue.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield item

    def _read(self, rows: Iterator, parser: RowParser, size: int) -> None:
        try:
            while not self._stop.is_set() and (chunk := list(itertools.islice(rows, size))):
                self._put((len(chunk), *parse_chunk(parser, chunk)))
            self._put(_END)
        except BaseException as exc:  # handed to the writer, which stops the job with it
            self._put(exc)

    def _put(self, item) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue
