"""Issue 4, part 6: the same input gives byte-identical JSON (apart from summary.seconds),
run after run and whatever --jobs. The tree is large enough (> 512 KiB over several files) for
the runner to use worker processes with --jobs 2."""
from __future__ import annotations

import json
import random

import pytest

from .conftest import LEAK_DOC, ROSTER, run_many, workspace

PIECES = [
    "Officer Jane Q. Doe responded to a disturbance at 1234 Main St.",
    "Jane Q. Doe lives at 4418 W 71st Terrace, Kansas City, MO 64114. Her cell is 816-739-4417.",
    "Doe said the card 4111 1111 1111 1111 was stolen; SSN 219-09-9999 on file.",
    "Tom Doe answers at (816) 739-4490 most evenings.",
    "Contact the clerk at clerk@example.org or 816-513-1000.",
    "Nothing to see in this filler sentence about the weather.",
]


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    ws = workspace(tmp_path_factory.mktemp("determinism"))
    (ws / "roster.csv").write_text(ROSTER)
    rnd = random.Random(11)
    docs = ws / "docs"
    for i in range(6):
        sub = docs / f"part{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        parts = [(rnd.choice(PIECES) if rnd.random() < 0.05 else PIECES[-1]) + rnd.choice([" ", "\n", "\n\n"])
                 for _ in range(1600)]
        (sub / f"doc{i}.txt").write_text(LEAK_DOC + "".join(parts))
    (docs / "blob.bin").write_bytes(random.Random(3).randbytes(20000))
    (docs / "empty.txt").write_text("")
    return ws


def normalised(out: str) -> str:
    doc = json.loads(out)
    doc["summary"]["seconds"] = 0
    return json.dumps(doc, indent=2, ensure_ascii=False)


def test_json_is_identical_across_runs_and_jobs(tree):
    size = sum(p.stat().st_size for p in (tree / "docs").rglob("*") if p.is_file())
    assert size > 512 * 1024  # big enough for worker processes to be used
    args = ["scan", "--roster", "roster.csv", "--format", "json", "docs"]
    runs = run_many({
        "j1a": {"args": [*args, "--jobs", "1"], "cwd": tree},
        "j1b": {"args": [*args, "--jobs", "1"], "cwd": tree},
        "j2": {"args": [*args, "--jobs", "2"], "cwd": tree},
    }, workers=3)
    for r in runs.values():
        assert r.code == 1 and "Traceback" not in r.err, str(r)
    a, b, c = (normalised(runs[k].out) for k in ("j1a", "j1b", "j2"))
    assert json.loads(a)["summary"]["findings"] > 100
    assert a == b, "two --jobs 1 runs differ"
    assert a == c, "--jobs 2 differs from --jobs 1"
    # and byte-identical apart from the seconds field itself
    strip = lambda s: "\n".join(ln for ln in s.splitlines() if '"seconds"' not in ln)  # noqa: E731
    assert strip(runs["j1a"].out) == strip(runs["j2"].out)
