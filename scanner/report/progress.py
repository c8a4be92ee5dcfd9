"""A progress bar for long scans: on stderr, only on a terminal, never in pipes or CI logs.

    progress = make_progress(total_files, total_bytes, sys.stderr, enabled=not quiet)
    for each file scanned:  progress.advance(nbytes)
    at the end (finally):   progress.close()

`make_progress` returns a no-op object unless the stream is a terminal, no CI variable is set
(`CI`, as GitHub Actions, GitLab and most CI services set it), `TERM` is not `dumb`,
`DOXGUARD_NO_PROGRESS` is unset, and the scan is large. With totals, "large" means at least
LARGE_FILES files or LARGE_BYTES bytes; with unknown totals (None), the bar appears once the scan
has gone past either amount or has run for LAZY_SECONDS. The bar is transient: it is erased when
the scan ends, so the report that follows is exactly what it would be without it.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Mapping, TextIO

LARGE_FILES = 200
LARGE_BYTES = 20 * 1024 * 1024
LAZY_SECONDS = 1.5
_FALSE = {"", "0", "false", "no", "off"}


def _is_tty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def interactive(stream: TextIO | None, env: Mapping[str, str] | None = None) -> bool:
    """May a progress bar be drawn on `stream` at all (terminal, not CI, not disabled)?"""
    env = os.environ if env is None else env
    if env.get("CI", "").strip().lower() not in _FALSE:
        return False
    if env.get("DOXGUARD_NO_PROGRESS", "").strip().lower() not in _FALSE:
        return False
    if env.get("TERM") == "dumb":
        return False
    return stream is not None and _is_tty(stream)


def is_large(total_files: int | None, total_bytes: int | None) -> bool:
    return (total_files or 0) >= LARGE_FILES or (total_bytes or 0) >= LARGE_BYTES


class NullProgress:
    """What every pipe, CI log and small scan gets: nothing."""

    shown = False

    def advance(self, nbytes: int = 0, files: int = 1) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class BarProgress(NullProgress):
    """A rich progress bar on `stream`; with unknown totals it waits until the scan proves long."""

    def __init__(self, stream: TextIO, total_files: int | None, total_bytes: int | None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.total_files, self.total_bytes = total_files, total_bytes
        self.files = self.bytes = 0
        self.t0 = time.monotonic()
        console = Console(file=stream, stderr=True, highlight=False)
        count = MofNCompleteColumn() if total_files is not None else TextColumn("{task.completed}")
        self._progress = Progress(
            TextColumn("[bold]doxguard[/bold] scanning"), BarColumn(), count,
            TextColumn("files  {task.fields[mb]:.1f} MB"), TimeElapsedColumn(),
            console=console, transient=True, refresh_per_second=4,
        )
        self._task = self._progress.add_task("scan", total=total_files, mb=0.0)
        self.shown = False
        if total_files is not None or total_bytes is not None:
            self._show()

    def _show(self) -> None:
        self._progress.start()
        self.shown = True

    def advance(self, nbytes: int = 0, files: int = 1) -> None:
        self.files += files
        self.bytes += nbytes
        if not self.shown and (is_large(self.files, self.bytes) or time.monotonic() - self.t0 >= LAZY_SECONDS):
            self._show()
        self._progress.update(self._task, advance=files, mb=self.bytes / 1e6)

    def close(self) -> None:
        if self.shown:
            self._progress.stop()
            self.shown = False


def make_progress(total_files: int | None = None, total_bytes: int | None = None,
                  stream: TextIO | None = None, enabled: bool = True,
                  env: Mapping[str, str] | None = None) -> NullProgress:
    """A progress object for a scan of `total_files` files / `total_bytes` bytes (None: unknown)."""
    stream = sys.stderr if stream is None else stream
    if not enabled or not interactive(stream, env):
        return NullProgress()
    known = total_files is not None or total_bytes is not None
    if known and not is_large(total_files, total_bytes):
        return NullProgress()
    return BarProgress(stream, total_files, total_bytes)
