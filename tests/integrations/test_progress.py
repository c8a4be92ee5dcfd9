"""The progress bar: on a terminal's stderr for long scans only; never in pipes, CI logs or -q."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import threading

import pytest

from scanner.report.progress import LARGE_FILES, BarProgress, NullProgress, make_progress

from .conftest import DOXGUARD, clean_env


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream, env, totals, expected", [
    (io.StringIO(), {}, (10_000, 10**9), NullProgress),                  # a pipe or file: never
    (FakeTTY(), {"CI": "true"}, (10_000, 10**9), NullProgress),          # CI logs: never
    (FakeTTY(), {"CI": "1"}, (10_000, 10**9), NullProgress),
    (FakeTTY(), {"TERM": "dumb"}, (10_000, 10**9), NullProgress),
    (FakeTTY(), {"DOXGUARD_NO_PROGRESS": "1"}, (10_000, 10**9), NullProgress),
    (FakeTTY(), {}, (3, 1000), NullProgress),                            # small scan: not worth a bar
    (FakeTTY(), {"CI": "false"}, (10_000, 1000), BarProgress),
    (FakeTTY(), {}, (1, 10**9), BarProgress),                            # one huge file
    (FakeTTY(), {}, (None, None), BarProgress),                          # unknown totals: lazy
])
def test_when_a_bar_is_drawn(stream, env, totals, expected):
    p = make_progress(*totals, stream=stream, env=env)
    assert type(p) is expected
    p.close()


def test_quiet_and_lazy_bar():
    assert type(make_progress(10_000, 10**9, FakeTTY(), enabled=False, env={})) is NullProgress
    tty = FakeTTY()
    p = make_progress(stream=tty, env={})
    for _ in range(LARGE_FILES - 1):
        p.advance(10)
    assert not p.shown and tty.getvalue() == ""  # not proven long yet: nothing drawn
    p.advance(10)
    assert p.shown
    p.close()
    assert "doxguard" in tty.getvalue() and not p.shown


def _scan_with_stderr_on_a_pty(folder, env) -> tuple[int, str, str]:
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen([DOXGUARD, "scan", "-f", "json", str(folder)], stdout=subprocess.PIPE,
                            stderr=slave, env=env)
    os.close(slave)
    chunks: list[bytes] = []

    def pump():
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    t = threading.Thread(target=pump, daemon=True)
    t.start()
    out, _ = proc.communicate(timeout=120)
    t.join(timeout=10)
    os.close(master)
    term = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace"))  # no ANSI codes
    return proc.returncode, out.decode(), term


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_real_command_on_a_terminal_vs_ci_vs_pipe(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(LARGE_FILES + 20):
        (folder / f"f{i:04}.txt").write_text(f"note {i}\n", encoding="utf-8")
    code, out, term = _scan_with_stderr_on_a_pty(folder, clean_env(TERM="xterm"))
    assert code == 0 and json.loads(out)["summary"]["files"] == LARGE_FILES + 20
    assert "doxguard scanning" in term and f"{LARGE_FILES + 20} files" in term  # drawn on the terminal...
    assert "doxguard scanning" not in out  # ...and never in the report on stdout
    code, out, term = _scan_with_stderr_on_a_pty(folder, clean_env(TERM="xterm", CI="true"))
    assert code == 0 and term == ""
    r = subprocess.run([DOXGUARD, "scan", "-f", "json", str(folder)], capture_output=True, env=clean_env(TERM="xterm"))
    assert r.returncode == 0 and r.stderr == b""  # stderr a pipe: nothing
