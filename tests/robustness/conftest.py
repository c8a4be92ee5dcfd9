"""Helpers for the robustness suite: run the installed `doxguard` command as a user does.

Every CLI test runs the console script in a fresh temporary folder that holds an empty
`.doxguard.toml`, so no config from the machine (or from this repository) leaks into the run,
and with every DOXGUARD_* variable removed from the environment.

Time budget (the folder must stay under about a minute): the few slow, self-contained jobs (the
50 MB file, the per-detector adversarial runs, the time-bounded scan_text children) are declared
with @background_job and started in threads as soon as collection ends, so they run while the
quick CLI tests run; their tests then just collect the result. A job whose tests were not
selected is not started; run on its own, a test computes its job in the foreground.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

DOXGUARD = (shutil.which("doxguard", path=str(Path(sys.executable).parent)) or shutil.which("doxguard"))


@dataclass
class Run:
    args: list[str]
    code: int
    out: str
    err: str
    maxrss_kb: int = 0
    timed_out: bool = False
    extra: dict = field(default_factory=dict)

    def json(self) -> dict:
        return json.loads(self.out)

    def __str__(self) -> str:  # what a failing assert shows
        return f"$ doxguard {' '.join(self.args)}\n-> exit {self.code}\n--- stdout\n{self.out[-3000:]}\n--- stderr\n{self.err[-3000:]}"


def child_env(extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("DOXGUARD_") and k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    env.update(extra or {})
    return env


def doxguard(*args, cwd: Path, stdin: bytes | None = None, timeout: float = 60, env: dict | None = None,
             preexec_fn=None) -> Run:
    """Run `doxguard ARGS` in `cwd`; output goes through files so the child can be reaped with
    os.wait4, which gives its own peak RSS (ru_maxrss, KiB on Linux)."""
    if DOXGUARD is None:
        pytest.skip("the doxguard console script is not installed next to this interpreter")
    args = [str(a) for a in args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([DOXGUARD, *args], cwd=cwd, stdout=out, stderr=err,
                                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                env=child_env(env), preexec_fn=preexec_fn)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            proc.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            if stdin is not None:
                try:
                    proc.stdin.write(stdin)
                    proc.stdin.close()
                except BrokenPipeError:
                    pass
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(args, proc.returncode, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"), usage.ru_maxrss, killed.is_set())


# ---------------------------------------------------------------------------- background jobs
_JOBS: dict[str, tuple[str, object]] = {}   # name -> (module name, zero-argument callable)
_STARTED: dict = {}                          # name -> Future
_POOL: ThreadPoolExecutor | None = None


def background_job(name: str):
    """Declare a slow, self-contained job (a zero-argument function) that may start early."""
    def register(fn):
        _JOBS[name] = (fn.__module__, fn)
        return fn
    return register


def job_result(name: str):
    """The job's result: from the background run if it was started, else computed now."""
    fut = _STARTED.get(name)
    return fut.result() if fut is not None else _JOBS[name][1]()


def pytest_collection_finish(session):
    global _POOL
    modules = {item.module.__name__ for item in session.items if getattr(item, "module", None) is not None}
    wanted = [name for name, (module, _fn) in _JOBS.items() if module in modules]
    if wanted:
        _POOL = ThreadPoolExecutor(max_workers=len(wanted), thread_name_prefix="robustness-bg")
        for name in wanted:
            _STARTED[name] = _POOL.submit(_JOBS[name][1])


def pytest_sessionfinish(session):
    if _POOL is not None:
        _POOL.shutdown(wait=True, cancel_futures=True)


def run_many(specs: dict, workers: int = 4) -> dict:
    """Run several independent doxguard calls at once: {key: kwargs for doxguard()} -> {key: Run}."""
    def one(item):
        key, kw = item
        kw = dict(kw)
        args = kw.pop("args")
        return key, doxguard(*args, **kw)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(pool.map(one, specs.items()))


def workspace(base: Path) -> Path:
    """A folder to run in: an empty .doxguard.toml stops config discovery from walking upward."""
    base.mkdir(parents=True, exist_ok=True)
    (base / ".doxguard.toml").write_text("# empty: isolates the test from any other config\n")
    return base


@pytest.fixture()
def ws(tmp_path) -> Path:
    return workspace(tmp_path / "ws")


def assert_clean_stderr(run: Run, problems: int | None = None) -> list[str]:
    """No traceback; every line on stderr is one `doxguard: ...` message. Returns those lines."""
    assert "Traceback" not in run.err, str(run)
    assert not run.timed_out, str(run)
    lines = [ln for ln in run.err.splitlines() if ln.strip()]
    for ln in lines:
        assert ln.startswith("doxguard: "), f"stderr line is not one clear doxguard message: {ln!r}\n{run}"
    if problems is not None:
        assert len(lines) == problems, str(run)
    return lines


# The protected person every leak test plants, and the document that leaks them.
ROSTER = (
    "id,name,aliases,role,family_of,address,phone,email,dob,ssn\n"
    'KCPD-7719,Jane Q. Doe,,officer,,"4418 W 71st Terrace, Kansas City, MO 64114",(816) 739-4417,'
    "jqdoe.home@gmail.com,1984-03-17,078-05-1120\n"
    "FAM-7719-1,Thomas Doe,Tom Doe,spouse,KCPD-7719,,(816) 739-4490,,,\n"
)
LEAK_DOC = (
    "From the forum thread, reposted:\n"
    "That cop Jane Q. Doe lives at 4418 W 71st Terrace, Kansas City, MO 64114.\n"
    "Her cell is 816-739-4417, also written (816) 739 4417 and 816.739.4417 and 8167394417.\n"
    "Her SSN is 078-05-1120 and her DOB is 03/17/1984 (date of birth 1984-03-17).\n"
    "Email her at jqdoe.home@gmail.com. Her husband Tom Doe answers at 816-739-4490.\n"
)
# Raw forms of the planted values, several groupings each: none may appear without --reveal.
LEAK_NEEDLES = [
    "739-4417", "739 4417", "739.4417", "7394417", "8167394417",
    "739-4490", "7394490",
    "078-05-1120", "078051120", "05-1120",
    "4418 W", "71st Terrace", "W 71st",
    "jqdoe", "jqdoe.home@gmail.com",
    "03/17/1984", "1984-03-17",
]


def leaks(text: str) -> list[str]:
    return [n for n in LEAK_NEEDLES if n in text]
