"""Issue 4, part 2: fail closed. A path that was not scanned in full never lets the gate pass.

Unreadable files: the tests run as root here, and root reads a chmod-000 file anyway (the
CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH capabilities). So when running as root, the child drops
those two capabilities from its bounding set before exec (prctl(PR_CAPBSET_DROP)); after exec a
root process then has neither, and the kernel's ordinary permission check applies: open() on a
mode-000 file fails with EACCES, exactly as for a normal user. Without root, plain chmod 000 does it.
"""
from __future__ import annotations

import ctypes
import os
from pathlib import Path

import pytest

from scanner import runner
from scanner.engine import Scanner
from scanner.walk import Input

from .conftest import assert_clean_stderr, doxguard

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def _drop_dac_capabilities() -> None:  # runs in the child, between fork and exec
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            os._exit(97)


def _unprivileged():
    """preexec_fn that makes permission bits bite, or skip when that is impossible here."""
    if os.geteuid() != 0:
        return None
    return _drop_dac_capabilities


def run_unprivileged(*args, cwd: Path):
    r = doxguard(*args, cwd=cwd, preexec_fn=_unprivileged())
    if r.code == 97 and not r.out:
        pytest.skip("cannot drop CAP_DAC_OVERRIDE here (no CAP_SETPCAP); chmod 000 would not bite as root")
    return r


@pytest.fixture()
def tree(ws):
    d = ws / "d"
    (d / "sub").mkdir(parents=True)
    for i in range(3):
        (d / f"clean{i}.txt").write_text("Officer Smith received a commendation today.\n")
    (d / "sub" / "clean.txt").write_text("Nothing private.\n")
    secret = d / "locked.txt"
    secret.write_text("Her SSN is 123-45-6789.\n")
    secret.chmod(0)
    locked_dir = d / "locked_dir"
    locked_dir.mkdir()
    (locked_dir / "inside.txt").write_text("Her SSN is 123-45-6789.\n")
    locked_dir.chmod(0)
    yield ws
    secret.chmod(0o644)
    locked_dir.chmod(0o755)


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_unreadable_file_among_clean_files_exits_2(tree, fmt):
    r = run_unprivileged("scan", "--format", fmt, "--no-color", "d", cwd=tree)
    assert r.code == 2, str(r)
    assert "Traceback" not in r.err + r.out
    if fmt == "json":
        doc = r.json()
        errors = {e["path"]: e["message"] for e in doc["errors"]}
        assert "permission denied" in errors.get("d/locked.txt", ""), str(r)
        assert "d/locked_dir" in errors, str(r)
        assert doc["summary"]["files"] >= 4  # the readable files were still scanned
        assert doc["findings"] == []
        assert_clean_stderr(r, problems=len(errors))
    else:
        assert "locked.txt" in r.out + r.err


def test_unreadable_file_named_explicitly_exits_2_whatever_the_threshold(tree):
    r = run_unprivileged("scan", "--format", "json", "--fail-on", "critical", "d/clean0.txt", "d/locked.txt",
                         cwd=tree)
    assert r.code == 2, str(r)
    assert [e["path"] for e in r.json()["errors"]] == ["d/locked.txt"]
    assert_clean_stderr(r, problems=1)


def test_file_removed_between_listing_and_reading_is_an_error(tmp_path):
    """A file that vanishes mid-scan (deleted after the walk listed it) is an error, not a skip."""
    gone = tmp_path / "gone.txt"
    out = runner.scan_input(Scanner(), Input("gone.txt", gone))
    assert out.errors and out.errors[0].path == "gone.txt" and not out.findings


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF with a correct xref table built from numbered object bodies."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def dox_pdf(kids: bytes = b"[3 0 R]") -> bytes:
    stream = b"BT /F1 12 Tf 72 720 Td (Jane Doe SSN 078-05-1120) Tj ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids " + kids + b" /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def test_intact_pdf_with_an_ssn_is_found(ws):
    pytest.importorskip("pypdf")
    (ws / "ok.pdf").write_bytes(dox_pdf())
    r = doxguard("scan", "--format", "json", "ok.pdf", cwd=ws)
    assert r.code == 1 and any(f["kind"] == "ssn" for f in r.json()["findings"]), str(r)


def test_pdf_with_damaged_page_tree_is_not_passed_as_clean(ws):
    pytest.importorskip("pypdf")
    (ws / "damaged.pdf").write_bytes(dox_pdf(kids=b"[078-05-1120 R]"))
    r = doxguard("scan", "--format", "json", "damaged.pdf", cwd=ws)
    assert r.code != 0, str(r)
