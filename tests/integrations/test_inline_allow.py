"""Inline suppression: `doxguard:allow` (that line) and `doxguard:allow-next-line` (the next one)."""
from __future__ import annotations

import json

import pytest

from .conftest import cli, dox

LEAK = "Officer Jane Doe's SSN is 512-44-7391"


def _lines_with_findings(project, text: str, name: str = "doc.txt") -> set[int]:
    (project / name).write_bytes(text.encode("utf-8"))
    r = cli("scan", "-r", "roster.csv", "-f", "json", name, cwd=project)
    assert r.returncode in (0, 1), r.stderr
    return {f["line"] for f in json.loads(r.stdout)["findings"]}


@pytest.mark.parametrize("name, marked", [
    ("notes.txt", f"{LEAK}  doxguard:allow"),
    ("script.py", f"x = '{LEAK}'  # doxguard:allow"),
    ("app.js", f"const s = '{LEAK}'; // doxguard:allow"),
    ("README.md", f"{LEAK} <!-- doxguard:allow -->"),
    ("style.css", f"/* doxguard:allow */ {LEAK}"),
    ("query.sql", f"-- doxguard:allow\t{LEAK}"),
    ("paper.tex", f"{LEAK} % doxguard:allow reviewed by legal"),
])
def test_allow_on_the_line_any_comment_syntax(project, name, marked):
    text = f"{LEAK}\n{marked}\n{LEAK}\n"
    assert _lines_with_findings(project, text, name) == {1, 3}


@pytest.mark.parametrize("marker", [
    "# doxguard:allow-next-line",
    "// doxguard:allow-next-line",
    "<!-- doxguard:allow-next-line -->",
    "doxguard:allow-next-line",
])
def test_allow_next_line(project, marker):
    text = f"{marker}\n{LEAK}\n{LEAK}\n"
    assert _lines_with_findings(project, text) == {3}


def test_allow_next_line_does_not_silence_its_own_line(project):
    text = f"{LEAK} # doxguard:allow-next-line\n{LEAK}\n"
    assert _lines_with_findings(project, text) == {1}


def test_allow_with_crlf_and_exit_code(project):
    text = f"{LEAK} # doxguard:allow\r\n<!-- doxguard:allow-next-line -->\r\n{LEAK}\r\nnothing\r\n"
    (project / "w.txt").write_bytes(text.encode())
    r = dox("scan", "-r", "roster.csv", "w.txt", cwd=project)
    assert r.returncode == 0, r.stdout  # every leak is marked: the gate passes
    r = dox("scan", "-r", "roster.csv", "-", input=f"{LEAK}\n", cwd=project)
    assert r.returncode == 1  # without the marker it does not


def test_marker_only_affects_its_own_file(project):
    (project / "a.txt").write_text(f"doxguard:allow-next-line\n", encoding="utf-8")
    (project / "b.txt").write_text(f"{LEAK}\n", encoding="utf-8")
    r = cli("scan", "-r", "roster.csv", "-f", "json", "a.txt", "b.txt", cwd=project)
    assert r.returncode == 1
    assert [(f["path"], f["line"]) for f in json.loads(r.stdout)["findings"] if f["kind"] == "ssn"] == [("b.txt", 1)]


@pytest.mark.xfail(strict=True, reason="HTML is extracted to text first and the extractor moves the comment "
                   "off the line it annotates, so an HTML-comment marker does not silence its element yet")
def test_allow_in_an_html_comment(project):
    text = f"<html><body>\n<p>{LEAK}</p>\n<p>{LEAK}</p> <!-- doxguard:allow -->\n</body></html>\n"
    (project / "page.html").write_text(text, encoding="utf-8")
    r = cli("scan", "-r", "roster.csv", "-f", "json", "page.html", cwd=project)
    ssn = [f for f in json.loads(r.stdout)["findings"] if f["kind"] == "ssn"]
    assert len(ssn) == 1
