"""A one-line terminal progress bar for imports: done/total, rows per second and time left."""

import time
from typing import TextIO

from groundswell.people.models import ImportJob

WIDTH = 24


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60}:{seconds % 60:02d}"


def bar_text(*, done: int, total: int | None, elapsed: float, start_done: int = 0) -> str:
    """`[#######.........]  41%  41,000/100,000 rows  12,300 rows/s  ETA 0:05` (no total: no bar, no ETA)."""
    rate = (done - start_done) / elapsed if elapsed > 0 else 0.0
    if not total:
        return f"{done:,} rows  {rate:,.0f} rows/s"
    # The total is an estimate from the file size, so the bar never claims more than 99% before the end.
    total = max(total, done)
    share = min(done / total, 0.99)
    filled = int(share * WIDTH)
    eta = _clock((total - done) / rate) if rate > 0 else "?"
    bar = "#" * filled + "." * (WIDTH - filled)
    return f"[{bar}] {share:4.0%}  {done:,}/~{total:,} rows  {rate:,.0f} rows/s  ETA {eta}"


class ProgressBar:
    """Call with the job after each chunk; redraws at most a few times a second. Silent when not a TTY."""

    def __init__(self, stream: TextIO, *, start_done: int = 0) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.started = time.monotonic()
        self.start_done = start_done
        self.last = 0.0
        self.drawn = False

    def __call__(self, job: ImportJob) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.last < 0.2:
            return
        self.last = now
        text = bar_text(done=job.rows_done, total=job.rows_total, elapsed=now - self.started,
                        start_done=self.start_done)
        self.stream.write(f"\r\x1b[K{text}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
