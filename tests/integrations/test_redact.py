"""`doxguard redact`: every finding at or above a threshold replaced, every other byte unchanged,
and the result scanned again has nothing at or above that threshold."""
from __future__ import annotations

import json
import os
import re
import shutil

import pytest

from .conftest import DATA, REPO, ROSTER_CSV, assert_no_secret, cli, dox

DOCS = sorted((DATA / "docs").iterdir())
EXAMPLES = REPO / "examples"
EXAMPLE_DOCS = sorted((EXAMPLES / "docs").glob("*")) if (EXAMPLES / "docs").is_dir() else []
LABEL = re.compile(r"\[REDACTED:([a-z_]+)\]")
RANK = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


@pytest.fixture()
def work(tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER_CSV, encoding="utf-8")
    for d in DOCS:
        shutil.copy(d, tmp_path / d.name)
    return tmp_path


def _findings(cwd, name, *args, run=cli):
    r = run("scan", "-f", "json", *args, name, cwd=cwd)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)["findings"]


def assert_label_redaction(original: str, redacted: str, findings: list[dict]) -> None:
    """`redacted` is `original` with some finding spans replaced by labels, and nothing else changed."""
    pieces = LABEL.split(redacted)
    literal, kinds = pieces[0::2], pieces[1::2]
    pattern = "(.+?)".join(re.escape(p) for p in literal)
    m = re.fullmatch(pattern, original, re.DOTALL)
    assert m, "text outside the redactions changed"
    spans = {(f["start"], f["end"]): f["kind"] for f in findings}
    for i, kind in enumerate(kinds, 1):
        start, end = m.span(i)
        covered = [(s, e) for (s, e) in spans if s < end and start < e]
        assert covered and min(s for s, _ in covered) == start and max(e for _, e in covered) == end, \
            f"redacted {original[start:end]!r} is not a finding"
        assert kind in {spans[c] for c in covered}


@pytest.mark.parametrize("doc", [d.name for d in DOCS])
def test_redact_label_is_exact_and_rescan_is_clean(work, doc):
    original = (work / doc).read_text(encoding="utf-8")
    findings = _findings(work, doc, "-r", "roster.csv")
    assert findings, "the document must have something to redact"
    r = dox("redact", "-r", "roster.csv", doc, cwd=work) if doc == DOCS[0].name else \
        cli("redact", "-r", "roster.csv", doc, cwd=work)
    assert r.returncode == 0, r.stderr
    redacted = r.stdout_bytes.decode("utf-8")
    assert LABEL.search(redacted)
    assert_label_redaction(original, redacted, findings)
    assert_no_secret(redacted)
    (work / f"redacted-{doc}").write_text(redacted, encoding="utf-8")
    assert _findings(work, f"redacted-{doc}", "-r", "roster.csv") == []  # threshold info: nothing left


@pytest.mark.parametrize("threshold", ["medium", "high"])
def test_threshold_keeps_what_is_below_it(work, threshold):
    for d in DOCS:
        r = cli("redact", "-r", "roster.csv", "--min-severity", threshold, d.name, cwd=work)
        assert r.returncode == 0
        (work / f"out-{d.name}").write_bytes(r.stdout_bytes)
    after = json.loads(cli("scan", "-f", "json", "-r", "roster.csv",
                           *[f"out-{d.name}" for d in DOCS], cwd=work).stdout)["findings"]
    assert after, "findings below the threshold stay in the text"
    assert all(RANK[f["severity"]] < RANK[threshold] for f in after)
    if threshold == "medium":
        assert {f["kind"] for f in after} == {"name"}  # names are low: a released report keeps them


@pytest.mark.skipif(not EXAMPLE_DOCS, reason="examples/docs not present")
def test_redact_examples_with_their_config(tmp_path):
    """The README's example documents, roster and config: redacted output rescans clean at high."""
    shutil.copytree(EXAMPLES, tmp_path / "ex")
    ex = tmp_path / "ex"
    outs = []
    for d in EXAMPLE_DOCS:
        r = cli("redact", "--threshold", "high", f"docs/{d.name}", cwd=ex)
        if r.returncode == 2 and "binary file" in r.stderr:
            continue
        assert r.returncode == 0, r.stderr
        out = ex / f"redacted-{d.name}"
        out.write_bytes(r.stdout_bytes)
        outs.append(out.name)
    assert outs
    r = cli("scan", "-f", "json", *outs, cwd=ex)
    assert r.returncode == 0, r.stdout
    assert not [f for f in json.loads(r.stdout)["findings"] if RANK[f["severity"]] >= RANK["high"]]


def test_mask_style_keeps_length_and_bytes(work):
    doc = "forum_post.txt"
    original = (work / doc).read_text(encoding="utf-8")
    findings = _findings(work, doc, "-r", "roster.csv")
    r = cli("redact", "-r", "roster.csv", "--style", "mask", doc, cwd=work)
    masked = r.stdout_bytes.decode("utf-8")
    assert len(masked) == len(original)
    inside = set()
    for f in findings:
        inside.update(range(f["start"], f["end"]))
    for i, (a, b) in enumerate(zip(original, masked)):
        assert b == ("█" if i in inside else a), (i, a, b)
    assert masked.count("█") == len(inside)
    assert_no_secret(masked)


def test_encodings_line_endings_and_odd_bytes_survive(work):
    """BOM, CRLF, a stray Latin-1 byte and UTF-16 come back byte for byte outside the redactions."""
    line = "Jane Doe's cell is (816) 739-2281.\r\nNothing else \xe9\r\n"
    cases = {
        "bom.txt": b"\xef\xbb\xbf" + line.encode("utf-8"),
        "latin.txt": line.encode("utf-8") + b"caf\xe9 \xff\r\n",   # not valid UTF-8
        "utf16.txt": b"\xff\xfe" + line.encode("utf-16-le"),
        "utf16be.txt": b"\xfe\xff" + line.encode("utf-16-be"),
    }
    for name, data in cases.items():
        (work / name).write_bytes(data)
        r = cli("redact", "-r", "roster.csv", "--min-severity", "medium", name, cwd=work)
        assert r.returncode == 0, (name, r.stderr)
        out = r.stdout_bytes
        enc = {"utf16.txt": "utf-16-le", "utf16be.txt": "utf-16-be"}.get(name, "utf-8")
        label = "[REDACTED:phone]".encode(enc)
        before, _, after = data.partition("(816) 739-2281".encode(enc))
        assert out == before + label + after, name


def test_in_place_and_backup(work):
    doc = work / "hr_memo.txt"
    original = doc.read_bytes()
    os.chmod(doc, 0o640)
    r = dox("redact", "-r", "roster.csv", "--in-place", "hr_memo.txt", cwd=work)
    assert r.returncode == 0 and r.stdout == ""
    assert re.fullmatch(r"hr_memo\.txt: redacted \d+ finding\(s\)\n", r.stderr)
    assert b"[REDACTED:ssn]" in doc.read_bytes()
    assert (doc.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in work.iterdir() if p.name.startswith("hr_memo")) == ["hr_memo.txt"]  # no backup

    doc.write_bytes(original)
    r = cli("redact", "-r", "roster.csv", "-i", "--backup-suffix", ".orig", "hr_memo.txt", cwd=work)
    assert r.returncode == 0 and "original kept as hr_memo.txt.orig" in r.stderr
    assert (work / "hr_memo.txt.orig").read_bytes() == original
    assert_no_secret(doc.read_text(encoding="utf-8"))

    # nothing to redact: the file is not rewritten (same inode, same mtime) and no backup appears
    clean = work / "clean.txt"
    clean.write_text("nothing private here\n", encoding="utf-8")
    st = clean.stat()
    r = cli("redact", "-r", "roster.csv", "-i", "--backup-suffix", ".bak", "clean.txt", cwd=work)
    assert r.returncode == 0 and "redacted 0 finding(s)" in r.stderr
    assert (clean.stat().st_ino, clean.stat().st_mtime_ns) == (st.st_ino, st.st_mtime_ns)
    assert not (work / "clean.txt.bak").exists()


def test_redact_stdin_and_errors(work):
    r = cli("redact", "-r", "roster.csv", "-", input="SSN 512-44-7391 ok\n", cwd=work)
    assert (r.returncode, r.stdout) == (0, "SSN [REDACTED:ssn] ok\n")
    (work / "blob.bin").write_bytes(b"\x00\x01\x02binary")
    (work / "scan.pdf").write_bytes(b"%PDF-1.4\nSSN 512-44-7391\n%%EOF\n")
    cases = [
        (["scan.pdf"], "scan.pdf: PDF document: redact works on text"),
        (["-i", "-"], "--in-place needs a FILE"),
        (["--backup-suffix", ".orig", "hr_memo.txt"], "--backup-suffix only works with --in-place"),
        (["blob.bin"], "blob.bin: binary file; nothing redacted"),
        (["missing.txt"], "missing.txt: cannot read"),
    ]
    for args, message in cases:
        r = cli("redact", "-r", "roster.csv", *args, cwd=work)
        assert r.returncode == 2 and r.stdout == "" and message in r.stderr, (args, r.stderr)
        assert (work / "scan.pdf").read_bytes().startswith(b"%PDF-1.4\nSSN 512-44-7391")
        assert r.stderr.count("\n") == 1
    r = cli("redact", "--style", "blur", "hr_memo.txt", cwd=work)
    assert r.returncode == 2
