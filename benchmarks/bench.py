"""Speed and memory of doxguard on generated corpora and rosters (issue 6). Not part of the tests.

    .venv/bin/python benchmarks/bench.py --quick            # a few minutes: 10 MB, 1k + 10k rosters
    .venv/bin/python benchmarks/bench.py                    # standard set (adds 100k roster, 100 MB)
    .venv/bin/python benchmarks/bench.py --full             # + 100 MB with every roster, 2 GB RSS check
    .venv/bin/python benchmarks/bench.py --only 'scan-10mb-*' --runs 5 --json results.json
    .venv/bin/python benchmarks/bench.py --list             # the measurement names

Inputs are generated deterministically (benchmarks/gen.py, `--seed`) into benchmarks/out/
(git-ignored) and reused while the seed and the generator are unchanged. Every doxguard number is
a whole process (`subprocess`, reaped with os.wait4 for its peak RSS), the median of `--runs`
runs; the baselines are measured in the same run of this script. See benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

try:
    import ahocorasick  # noqa: F401  (the raw baseline needs the same engine doxguard uses)
except ImportError:  # run with a Python that lacks it: retry with the project's venv
    venv_py = ROOT / ".venv" / "bin" / "python"
    if venv_py.exists() and Path(sys.executable).resolve() != venv_py.resolve():
        os.execv(str(venv_py), [str(venv_py), __file__, *sys.argv[1:]])
    raise

import gen  # noqa: E402  (benchmarks/gen.py)

MB = 1_000_000  # MB/s here means 10^6 bytes of input file per second of wall time
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}


# ------------------------------------------------------------------------------------ plumbing
@dataclass
class Run:
    seconds: float
    rss_mb: float | None = None
    exit: int | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Result:
    name: str
    what: str                 # human label: "doxguard scan", "raw automaton (lower+iter)", ...
    input: str = "-"
    roster: str = "-"
    bytes: int = 0
    runs: list[Run] = field(default_factory=list)
    planned_runs: int = 0
    failed: str | None = None
    notes: list[str] = field(default_factory=list)
    command: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def good(self) -> list[Run]:
        return [r for r in self.runs if not r.extra.get("failed")]

    @property
    def median(self) -> float | None:
        return statistics.median(r.seconds for r in self.good) if self.good else None

    @property
    def mbps(self) -> float | None:
        m = self.median
        return self.bytes / MB / m if (m and self.bytes >= 100_000) else None  # not for a 2 KB file

    @property
    def rss(self) -> float | None:
        vals = [r.rss_mb for r in self.good if r.rss_mb is not None]
        return max(vals) if vals else None

    def to_json(self) -> dict:
        d = asdict(self)
        d.update(median_seconds=self.median, mb_per_s=self.mbps, peak_rss_mb=self.rss)
        return d


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# Runs the measured command and reports its wall time, peak RSS and exit code. Why a wrapper: on
# Linux a child's ru_maxrss counts the peak RSS of the process it was forked from (exec records the
# old address space's high-water mark), so a child spawned straight from this script would report
# at least this script's own peak (hundreds of MB once a corpus is loaded). This wrapper is a bare
# `python -S` (about 8 MB), which is then the floor of every RSS reported.
WRAPPER = """
import os, sys, time
res, cmd = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
pid = os.posix_spawnp(cmd[0], cmd, os.environ)
_, st, ru = os.wait4(pid, 0)
t1 = time.perf_counter()
with open(res, "w") as fh:
    fh.write("%r %d %d" % (t1 - t0, ru.ru_maxrss, os.waitstatus_to_exitcode(st)))
"""


def spawn(cmd: list[str], env: dict | None = None, cwd: Path | None = None, timeout: float | None = None,
          capture: bool = False) -> tuple[Run, str, str]:
    """Run one command to completion (through WRAPPER): wall time from spawn to reap, peak RSS.

    ru_maxrss of a reaped child is the largest RSS of the child or of any descendant it waited
    for (worker processes), not their sum. stdout/stderr go to temporary files (no pipe stalls).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".res") as resf:
        t0 = time.perf_counter()
        p = subprocess.Popen([sys.executable, "-S", "-c", WRAPPER, resf.name, *cmd], stdin=subprocess.DEVNULL,
                             stdout=out, stderr=err, env=env, cwd=cwd, start_new_session=True)
        timed_out = []

        def kill() -> None:  # the wrapper's own process group (it and the command), by id
            timed_out.append(True)
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        p.wait()
        t1 = time.perf_counter()
        if timer:
            timer.cancel()
        resf.seek(0)
        fields = resf.read().split()
        out.seek(0)
        err.seek(0)
        o = out.read().decode("utf-8", "replace") if capture else ""
        e = err.read().decode("utf-8", "replace")
    if timed_out:
        return Run(seconds=t1 - t0, exit=None, extra={"timeout": True}), o, e
    if len(fields) != 3:  # the wrapper could not start the command
        return Run(seconds=t1 - t0, exit=p.returncode if p.returncode else 127), o, e
    return Run(seconds=float(fields[0]), rss_mb=int(fields[1]) / 1024, exit=int(fields[2])), o, e


def json_summary(path: Path) -> dict:
    """The `summary` object of a (possibly huge) --format json report, read from its tail."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            fh.seek(max(0, size - 65536))
            tail = fh.read().decode("utf-8", "replace")
        i = tail.rfind('"summary"')
        if i < 0:  # summary not at the end: read the whole report if that is affordable
            obj = json.loads(path.read_text(encoding="utf-8")).get("summary", {}) if size < 200 * MB else {}
            return {**obj, "output_bytes": size}
        obj, _ = json.JSONDecoder().raw_decode(tail[i + len('"summary"'):].lstrip(" \t\r\n:"))
        obj["output_bytes"] = size
        return obj
    except (OSError, ValueError):
        return {}


class Bench:
    def __init__(self, args: argparse.Namespace):
        self.a = args
        self.out = Path(args.out)
        self.run_dir = self.out / "run"
        self.run_dir.mkdir(parents=True, exist_ok=True)
        # An empty config in the children's working folder: a [tool.doxguard] table that somebody
        # adds to the repository's pyproject.toml must not change what is measured.
        (self.run_dir / ".doxguard.toml").write_text("# benchmark: defaults only\n")
        self.cache_dir = self.out / "cache"
        self.python = args.python or sys.executable
        if args.doxguard:
            self.doxguard = shlex.split(args.doxguard)
        else:
            script = Path(self.python).parent / "doxguard"
            self.doxguard = [str(script)] if script.exists() else [self.python, "-m", "scanner"]
        self.results: list[Result] = []
        self._rosters: dict[str, Path] = {}
        self._corpora: dict[int, gen.Corpus] = {}
        self._texts: dict[int, str] = {}

    # ---------------------------------------------------------------------------- inputs
    def roster(self, label: str) -> Path:
        if label not in self._rosters:
            self._rosters[label] = gen.ensure_roster(self.out, SIZES[label], self.a.seed, log=log)
        return self._rosters[label]

    def corpus(self, mb: int) -> gen.Corpus:
        if mb not in self._corpora:
            self._corpora[mb] = gen.ensure_corpus(self.out, mb, self.a.seed, small_files=(mb == 10), log=log)
        return self._corpora[mb]

    def env(self, **extra: str) -> dict:
        env = dict(os.environ)
        env.pop("DOXGUARD_NO_CACHE", None)
        env.update(DOXGUARD_CACHE_DIR=str(self.cache_dir), XDG_CACHE_HOME=str(self.cache_dir / "xdg"),
                   NO_COLOR="1", PYTHONHASHSEED="0")
        env.update(extra)
        return env

    # ---------------------------------------------------------------------------- runners
    def repeat(self, res: Result, once, runs: int | None = None, budget: float | None = None) -> Result:
        """Call once() -> Run up to `runs` times; stop early on failure or when over the budget."""
        runs = runs or self.a.runs
        budget = self.a.budget if budget is None else budget
        res.planned_runs = runs
        t0 = time.perf_counter()
        for i in range(runs):
            run = once()
            if run is None:
                break
            res.runs.append(run)
            if res.failed:
                break
            spent = time.perf_counter() - t0
            if budget and i + 1 < runs and spent + spent / (i + 1) > budget:
                res.notes.append(f"{i + 1} of {runs} runs (over the {budget:g} s budget)")
                break
        self.results.append(res)
        self.show(res)
        return res

    def doxguard_scan(self, name: str, what: str, paths: list[Path], roster: str, nbytes: int, label: str,
                      extra: list[str] | None = None, expect_files: int | None = None,
                      runs: int | None = None, warmup: int = 0) -> Result:
        out_json = self.run_dir / f"{name}.json"
        cmd = [*self.doxguard, "scan", "--roster", str(self.roster(roster)), "--format", "json",
               "--output", str(out_json), *(extra or []), *map(str, paths)]
        if self.a.scan_jobs and "--jobs" not in (extra or []):
            cmd[len(self.doxguard) + 1:len(self.doxguard) + 1] = ["--jobs", str(self.a.scan_jobs)]
        res = Result(name, what, label, roster, nbytes, command=" ".join(shlex.quote(c) for c in cmd))
        for _ in range(warmup):
            spawn(cmd, env=self.env(), cwd=self.run_dir, timeout=self.a.timeout)

        def once() -> Run | None:
            out_json.unlink(missing_ok=True)
            run, _, err = spawn(cmd, env=self.env(), cwd=self.run_dir, timeout=self.a.timeout)
            if run.extra.get("timeout"):
                res.failed = f"timed out after {self.a.timeout:g} s"
                run.extra["failed"] = True
            elif run.exit not in (0, 1):
                run.extra["failed"] = True
                res.failed = f"exit {run.exit}"
                tail = "\n".join(err.strip().splitlines()[-15:])
                log(f"  !! {name}: doxguard exited {run.exit}; stderr:\n" + "\n".join("     " + ln for ln in tail.splitlines()))
                res.extra["stderr"] = tail
            summ = json_summary(out_json) if out_json.exists() else {}
            run.extra.update(findings=summ.get("findings"), files=summ.get("files"),
                             output_bytes=summ.get("output_bytes"), scanner_seconds=summ.get("seconds"))
            if expect_files is not None and summ.get("files") not in (None, expect_files) and not res.failed:
                res.notes.append(f"scanned {summ.get('files')} files, expected {expect_files}")
            return run

        self.repeat(res, once, runs=runs)
        if res.runs and res.runs[-1].extra.get("findings") is not None:
            r = res.runs[-1]
            res.notes.insert(0, f"{r.extra['findings']} findings, exit {r.exit}")
        return res

    def raw_automaton(self, name: str, roster: str, mb: int) -> Result:
        """The engine's limit: pyahocorasick over the lower-cased text, names + aliases only."""
        import ahocorasick

        text = self.text(mb)
        c = self.corpus(mb)
        words = roster_words(self.roster(roster))
        t0 = time.perf_counter()
        A = ahocorasick.Automaton()
        for i, w in enumerate(words):
            A.add_word(w, i)
        A.make_automaton()
        build = time.perf_counter() - t0
        res = Result(name, "raw automaton: A.iter(text.lower())", f"corpus-{mb}mb (in-process)", roster, c.bytes,
                     command=f"for _ in A.iter(text.lower()): pass   # {len(words)} names+aliases")

        def once() -> Run:
            t0 = time.perf_counter()
            low = text.lower()
            t1 = time.perf_counter()
            n = 0
            for _ in A.iter(low):
                n += 1
            t2 = time.perf_counter()
            del low
            return Run(seconds=t2 - t0, extra={"lower_seconds": t1 - t0, "iter_seconds": t2 - t1, "hits": n})

        self.repeat(res, once, budget=0)
        iter_med = statistics.median(r.extra["iter_seconds"] for r in res.runs)
        low_med = statistics.median(r.extra["lower_seconds"] for r in res.runs)
        res.extra.update(build_seconds=build, words=len(words), iter_only_mb_per_s=c.bytes / MB / iter_med,
                         lower_seconds=low_med, hits=res.runs[-1].extra["hits"])
        res.notes.append(f"iter alone {c.bytes / MB / iter_med:.1f} MB/s, lower() {low_med:.2f} s, "
                         f"{res.runs[-1].extra['hits']} hits, build {build:.2f} s")
        return res

    def text(self, mb: int) -> str:
        if mb not in self._texts:
            self._texts.clear()  # hold one corpus at a time
            self._texts[mb] = self.corpus(mb).big.read_text(encoding="utf-8")
        return self._texts[mb]

    # ---------------------------------------------------------------------------- measurements
    def m_startup(self) -> None:
        for name, flags, what in (("startup", [], "python -c pass"),
                                  ("startup-nosite", ["-S"], "python -S -c pass (no site, no .pth hooks)")):
            cmd = [self.python, *flags, "-c", "pass"]
            res = Result(name, what, command=" ".join(cmd))
            self.repeat(res, lambda cmd=cmd: spawn(cmd, env=self.env())[0], runs=max(self.a.runs, 5))

    def m_import(self) -> None:
        cmd = [self.python, "-c", "import scanner.cli"]
        res = Result("import", "python -c 'import scanner.cli'", command=" ".join(cmd))
        self.repeat(res, lambda: spawn(cmd, env=self.env(), cwd=self.run_dir)[0], runs=max(self.a.runs, 5))

    def m_scan(self, mb: int, roster: str) -> None:
        c = self.corpus(mb)
        name = f"scan-{mb}mb-{roster}"
        self.doxguard_scan(name, "doxguard scan (1 file)", [c.big], roster, c.bytes, f"corpus-{mb}mb (1 file)",
                           expect_files=1)
        self.raw_automaton(f"raw-{mb}mb-{roster}", roster, mb)

    def m_small_file(self, roster: str) -> None:
        c = self.corpus(10)
        sample = gen.small_sample(self.out, c.big)
        self.doxguard_scan(f"small-file-{roster}", "doxguard scan (one 2 KB file)", [sample], roster,
                           sample.stat().st_size, f"{sample.stat().st_size} B file", runs=max(self.a.runs, 5),
                           warmup=1, expect_files=1)

    def m_jobs(self, roster: str) -> None:
        c = self.corpus(10)
        res = []
        for j in (1, 2):
            res.append(self.doxguard_scan(f"jobs{j}-10mb-{roster}", f"doxguard scan --jobs {j}", [c.files], roster, c.bytes,
                                          f"corpus-10mb ({c.n_files} files)", extra=["--jobs", str(j)],
                                          expect_files=c.n_files))
        if all(r.median and not r.failed for r in res):
            res[1].notes.append(f"speed-up --jobs 2 / --jobs 1: {res[0].median / res[1].median:.2f}x")
            res[1].extra["speedup"] = res[0].median / res[1].median

    def m_roster_build(self, roster: str) -> None:
        path = self.roster(roster)
        code = ("import json, time; t0 = time.perf_counter()\n"
                "from scanner import Scanner, load_roster\n"
                "t1 = time.perf_counter(); r = load_roster(%r); t2 = time.perf_counter()\n"
                "s = Scanner(r); t3 = time.perf_counter()\n"
                "print(json.dumps({'import': t1 - t0, 'load_roster': t2 - t1, 'scanner': t3 - t2, 'total': t3 - t1}))"
                % str(path))
        cmd = [self.python, "-c", code]
        for mode in ("cold", "warm"):
            cache = self.out / f"cache-build-{roster}"
            res = Result(f"roster-build-{roster}-{mode}",
                         "Scanner(load_roster(...)), " + ("empty cache" if mode == "cold" else "cache filled"),
                         "-", roster, 0, command=f"python -c '... Scanner(load_roster({path.name})) ...'")

            def once(mode=mode, cache=cache, res=res) -> Run | None:
                if mode == "cold" and cache.exists():
                    shutil.rmtree(cache)
                env = self.env(DOXGUARD_CACHE_DIR=str(cache), XDG_CACHE_HOME=str(cache / "xdg"))
                run, out, err = spawn(cmd, env=env, cwd=self.run_dir, timeout=self.a.timeout, capture=True)
                if run.exit != 0:
                    res.failed = f"exit {run.exit}"
                    run.extra["failed"] = True
                    log(f"  !! {res.name}: exit {run.exit}\n{err[-2000:]}")
                    return run
                t = json.loads(out.strip().splitlines()[-1])
                # the time that matters is the in-process build (load_roster + Scanner), not start-up
                return Run(seconds=t["total"], rss_mb=run.rss_mb, exit=0, extra={**t, "wall": run.seconds})

            if mode == "warm":
                spawn(cmd, env=self.env(DOXGUARD_CACHE_DIR=str(cache), XDG_CACHE_HOME=str(cache / "xdg")),
                      cwd=self.run_dir, timeout=self.a.timeout)  # make sure it is filled
            self.repeat(res, once)
            files = [p for p in cache.rglob("*") if p.is_file()] if cache.exists() else []
            if res.runs and not res.failed:
                med = lambda k: statistics.median(r.extra[k] for r in res.runs)  # noqa: E731
                res.notes.append(f"load_roster {med('load_roster'):.2f} s + Scanner {med('scanner'):.2f} s "
                                 f"(import {med('import'):.2f} s, process {med('wall'):.2f} s)")
            if mode == "cold":
                res.notes.append(f"cache written: {len(files)} file(s), {sum(p.stat().st_size for p in files) / MB:.1f} MB"
                                 if files else "no on-disk cache written")
            res.extra["cache_files"] = len(files)

    def m_rss_huge(self, gb: float = 2.0) -> None:
        c = self.corpus(100)
        big = gen.ensure_repeated(self.out, c.big, gb, log=log)
        self.doxguard_scan(f"rss-{gb:g}gb-10k", f"doxguard scan ({gb:g} GB file)", [big], "10k", big.stat().st_size,
                           f"{big.name} (1 file)", runs=1, expect_files=1)

    # ---------------------------------------------------------------------------- output
    def show(self, r: Result) -> None:
        log(f"  {r.name:24} {fmt(r.median, '.3f'):>9} s  {fmt(r.mbps, '.2f'):>8} MB/s  "
            f"RSS {fmt(r.rss, '.0f'):>6} MB  {'FAILED ' + r.failed if r.failed else ''} {'; '.join(r.notes)}")

    def table(self) -> str:
        by = {r.name: r for r in self.results}
        rows = [("measurement", "what", "input", "roster", "runs", "median s", "MB/s", "peak RSS MB", "vs raw AC", "notes")]
        for r in self.results:
            ratio = ""
            if r.name.startswith("scan-") or r.name.startswith("rss-"):
                raw = by.get("raw-" + r.name[len("scan-"):]) if r.name.startswith("scan-") else None
                if raw and raw.mbps and r.mbps:
                    ratio = f"{r.mbps / raw.mbps:.3f}"
                    r.extra["ratio_to_raw"] = r.mbps / raw.mbps
            runs = f"{len(r.runs)}/{r.planned_runs}" if len(r.runs) != r.planned_runs else str(len(r.runs))
            notes = ("FAILED: " + r.failed + "; " if r.failed else "") + "; ".join(r.notes)
            rows.append((r.name, r.what, r.input, r.roster, runs, fmt(r.median, ".3f"), fmt(r.mbps, ".2f"),
                         fmt(r.rss, ".0f"), ratio, notes))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        lines = []
        for k, row in enumerate(rows):
            cells = [c.rjust(w) if i >= 4 else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
            lines.append("  ".join(cells) + "  " + row[-1])
            if k == 0:
                lines.append("  ".join("-" * w for w in widths) + "  -----")
        return "\n".join(lines)


def fmt(v, spec: str) -> str:
    return "-" if v is None else format(v, spec)


def roster_words(path: Path) -> list[str]:
    """Lower-cased names and aliases of a roster CSV (deduplicated, in file order)."""
    import csv

    seen: dict[str, None] = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            for n in [row.get("name") or "", *(row.get("aliases") or "").split(";")]:
                n = " ".join(n.split()).lower()
                if n:
                    seen.setdefault(n, None)
    return list(seen)


def machine_info(python: str) -> dict:
    info = {"cpu": "?", "cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
            "platform": platform.platform(), "loadavg": [round(x, 2) for x in os.getloadavg()]}
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    try:
        out = subprocess.run([python, "-c", "import sys, ahocorasick, scanner; print(sys.version.split()[0], scanner.__version__)"],
                             capture_output=True, text=True, timeout=60, cwd=ROOT).stdout.split()
        info["python"], info["doxguard"] = out[0], out[1]
    except (OSError, IndexError, subprocess.SubprocessError):
        info["python"] = platform.python_version()
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "scanner"], capture_output=True, text=True).stdout
        info["git"] = head + (f" + uncommitted changes in scanner/ ({len(dirty.splitlines())} files)" if dirty.strip() else "")
    except OSError:
        pass
    return info


# ------------------------------------------------------------------------------------ catalogue
def catalogue(b: Bench) -> dict[str, callable]:
    m = {"startup": b.m_startup, "import": b.m_import}
    for mb in (10, 100):
        for r in SIZES:
            m[f"scan-{mb}mb-{r}"] = (lambda mb=mb, r=r: b.m_scan(mb, r))
    for r in ("1k", "10k"):
        m[f"small-file-{r}"] = (lambda r=r: b.m_small_file(r))
    for r in SIZES:
        m[f"roster-build-{r}"] = (lambda r=r: b.m_roster_build(r))
    for r in ("1k", "10k"):
        m[f"jobs-10mb-{r}"] = (lambda r=r: b.m_jobs(r))
    m["rss-2gb"] = b.m_rss_huge
    return m


QUICK = ["startup", "import", "scan-10mb-1k", "scan-10mb-10k", "small-file-10k", "roster-build-10k", "jobs-10mb-1k"]
STANDARD = ["startup", "import", "scan-10mb-1k", "scan-10mb-10k", "scan-10mb-100k", "scan-100mb-10k",
            "small-file-10k", "roster-build-100k", "jobs-10mb-10k"]
FULL = STANDARD[:6] + ["scan-100mb-1k", "scan-100mb-100k"] + STANDARD[6:] + ["small-file-1k", "rss-2gb"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark doxguard (issue 6). See benchmarks/README.md.")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="10 MB only, 1k + 10k rosters, 3 runs, 60 s budget per measurement")
    mode.add_argument("--full", action="store_true", help="standard set + 100 MB with 1k/100k rosters + 2 GB RSS check")
    ap.add_argument("--only", action="append", default=[], metavar="NAME",
                    help="run only these measurements (repeatable, comma-separated, globs: 'scan-10mb-*')")
    ap.add_argument("--list", action="store_true", help="list measurement names and exit")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is reported (default 3)")
    ap.add_argument("--budget", type=float, default=None,
                    help="stop repeating a measurement once its next run would pass this many seconds "
                         "(default: 60 with --quick, none otherwise; 0 = none)")
    ap.add_argument("--timeout", type=float, default=3600, help="kill a doxguard run after this many seconds (default 3600)")
    ap.add_argument("--scan-jobs", type=int, default=None, help="pass --jobs N to the single-file scans (default: not passed)")
    ap.add_argument("--json", metavar="FILE", help="also write all results (every run) as JSON")
    ap.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    ap.add_argument("--out", default=str(HERE / "out"), help="where inputs and outputs go (default benchmarks/out)")
    ap.add_argument("--python", help="interpreter for baselines and in-process timings (default: this one)")
    ap.add_argument("--doxguard", help="doxguard command (default: the doxguard script next to --python, else python -m scanner)")
    a = ap.parse_args(argv)
    if a.runs < 1:
        ap.error("--runs must be at least 1")
    if a.budget is None:
        a.budget = 60.0 if a.quick else 0.0

    b = Bench(a)
    cat = catalogue(b)
    if a.list:
        for n in cat:
            print(n + ("  [quick]" if n in QUICK else "") + ("  [standard]" if n in STANDARD else "") + ("  [full]" if n in FULL else ""))
        return 0
    if a.only:
        pats = [p.strip() for o in a.only for p in o.split(",") if p.strip()]
        names = [n for n in cat if any(fnmatch.fnmatchcase(n, p) for p in pats)]
        if not names:
            ap.error(f"--only {', '.join(pats)} matches no measurement (see --list)")
    else:
        names = QUICK if a.quick else FULL if a.full else STANDARD

    info = machine_info(b.python)
    head = [f"doxguard benchmark  {time.strftime('%Y-%m-%d %H:%M:%S')}",
            f"machine: {info['cpu']}, {info['cores']} cores ({info['usable_cores']} usable), "
            f"{info.get('memory_gb', '?')} GB RAM, {info['platform']}, load average {info['loadavg'][0]:.2f} at start",
            f"python {info.get('python')}, doxguard {info.get('doxguard', '?')}, git {info.get('git', '?')}",
            f"command: {' '.join(shlex.quote(x) for x in b.doxguard)}; runs {a.runs} (median), seed {a.seed}, "
            f"budget {a.budget:g} s" + (f", --jobs {a.scan_jobs} on single-file scans" if a.scan_jobs else ""),
            f"measurements: {', '.join(names)}"]
    for h in head:
        print(h, flush=True)
    print(flush=True)
    t0 = time.perf_counter()
    for n in names:
        log(f"[{n}]")
        try:
            cat[n]()
        except Exception as e:  # one broken measurement must not lose the others
            import traceback

            traceback.print_exc()
            b.results.append(Result(n, "?", failed=f"{e.__class__.__name__}: {e}"))
    print(b.table())
    info["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    if info["loadavg_end"][1] > 1.5 or info["loadavg"][0] > 0.5:  # this script itself keeps ~1 core busy
        print(f"\nnote: load average {info['loadavg'][0]:.2f} at start, {info['loadavg_end'][1]:.2f} (5 min) at the end: "
              "other work on this machine may have slowed these numbers")
    print(f"\n(MB = 10^6 bytes of input; 'vs raw AC' = doxguard MB/s / raw automaton MB/s on the same corpus "
          f"and roster; peak RSS = largest single process; total {time.perf_counter() - t0:.0f} s)")
    if a.json:
        doc = {"machine": info, "params": {k: v for k, v in vars(a).items()}, "measurements": names,
               "results": [r.to_json() for r in b.results]}
        Path(a.json).write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        print(f"results written to {a.json}")
    return 1 if any(r.failed for r in b.results) else 0


if __name__ == "__main__":
    sys.exit(main())
