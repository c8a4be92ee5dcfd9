"""Config: `.doxguard.toml` or `[tool.doxguard]` in pyproject.toml, found from the cwd upward;
command-line options win; every invalid file is exit 2 with one line naming the key and line."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from .conftest import CLEAN, DATA, ROSTER_CSV, cli, dox

CONFIGS = DATA / "config"
INVALID = sorted(p for p in (CONFIGS / "invalid").iterdir())
# Unlinked SSN (high), an unlinked phone (medium), the city's public phone, an IP (info).
DOC = ("Intake form.\n\n"
       "Applicant SSN 601-22-1893.\n\n"
       "Callback 816-555-0142. City Hall: 816-234-5111. Logged from 10.0.0.12.\n")


def _expect(path) -> tuple[str | None, str]:
    """`# expect: [LINE: ]message` on the fixture's first line."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = re.fullmatch(r"# expect: (?:(\d+): )?(.*)", first)
    assert m, f"{path} has no '# expect:' line"
    return m.group(1), m.group(2)


def _kinds(r) -> list[str]:
    return [f["kind"] for f in json.loads(r.stdout)["findings"]]


@pytest.fixture()
def folder(tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER_CSV, encoding="utf-8")
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_discovered_from_a_subfolder(folder):
    """The way people run it: a .doxguard.toml at the top, doxguard run from deep inside."""
    shutil.copy(CONFIGS / "valid" / "doxguard.toml", folder / ".doxguard.toml")
    deep = folder / "release" / "2024"
    deep.mkdir(parents=True)
    (deep / "memo.txt").write_text(DOC + "\nJane Doe lives at 1418 W 71st Terrace, Kansas City, MO 64114.\n",
                                   encoding="utf-8")
    (deep / "drafts").mkdir()
    (deep / "drafts" / "x.txt").write_text(DOC, encoding="utf-8")
    r = dox("scan", "-f", "json", ".", cwd=deep)
    doc = json.loads(r.stdout)
    assert doc["summary"]["files"] == 1  # exclude "drafts/*"
    kinds = [(f["kind"], f["severity"], (f["person"] or {}).get("id")) for f in doc["findings"]]
    assert ("address", "critical", "KCPD-1042") in kinds  # roster from the config, relative to it
    assert ("ssn", "high", None) in kinds
    assert not any(k == "ip" for k, _, _ in kinds)  # kinds: ip = false
    assert [f for f in doc["findings"] if f["kind"] == "phone"] and \
        all(f["value"].endswith("42") for f in doc["findings"] if f["kind"] == "phone")  # allow: City Hall
    assert r.returncode == 1  # fail_on = critical, and a critical finding is there
    # CLI wins: --fail-on over fail_on, --roster over roster
    assert cli("scan", "--fail-on", "critical", "../../clean.txt", cwd=deep).returncode == 0
    (folder / "other.csv").write_text("id,name\nX-1,Someone Else\n", encoding="utf-8")
    r = cli("scan", "-f", "json", "--roster", str(folder / "other.csv"), "memo.txt", cwd=deep)
    assert r.returncode == 0  # Jane Doe not on this roster: her address is not critical
    assert "KCPD-1042" not in r.stdout


def test_pyproject_tool_table(folder):
    shutil.copy(CONFIGS / "valid" / "pyproject.toml", folder / "pyproject.toml")
    r = cli("scan", "-f", "json", "doc.txt", cwd=folder)
    assert sorted(set(_kinds(r))) == ["phone", "ssn"]  # kinds = ["name", "ssn", "phone"]
    assert r.returncode == 1  # fail_on = "high": the SSN
    assert cli("scan", "--fail-on", "critical", "doc.txt", cwd=folder).returncode == 0


def test_which_file_wins(folder):
    sub = folder / "sub"
    sub.mkdir()
    (folder / ".doxguard.toml").write_text('kinds = ["ssn"]\n', encoding="utf-8")
    # a pyproject.toml without [tool.doxguard] is not a doxguard config: the search goes on upward
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert _kinds(cli("scan", "-f", "json", "../doc.txt", cwd=sub)) == ["ssn"]
    # the nearest folder wins
    (sub / "pyproject.toml").write_text('[tool.doxguard]\nkinds = ["phone"]\n', encoding="utf-8")
    assert set(_kinds(cli("scan", "-f", "json", "../doc.txt", cwd=sub))) == {"phone"}
    # in one folder, .doxguard.toml before pyproject.toml
    (sub / ".doxguard.toml").write_text('kinds = ["ip"]\n', encoding="utf-8")
    assert set(_kinds(cli("scan", "-f", "json", "../doc.txt", cwd=sub))) == {"ip"}
    # --config names one directly
    assert _kinds(cli("scan", "-f", "json", "--config", "../.doxguard.toml", "../doc.txt", cwd=sub)) == ["ssn"]


def test_tool_table_in_doxguard_toml_and_link_window(folder):
    (folder / "near.txt").write_text("Darnell Okafor, 44 years, from the east side of the city, unit 4, "
                                     "tel 816-555-0142\n", encoding="utf-8")
    linked = cli("scan", "-f", "json", "-r", "roster.csv", "near.txt", cwd=folder)
    phone = [f for f in json.loads(linked.stdout)["findings"] if f["kind"] == "phone"]
    assert phone[0]["severity"] == "high"
    shutil.copy(CONFIGS / "valid" / "tool_table.toml", folder / ".doxguard.toml")  # link_window = 10
    r = cli("scan", "-f", "json", "near.txt", cwd=folder)
    phone = [f for f in json.loads(r.stdout)["findings"] if f["kind"] == "phone"]
    assert phone[0]["severity"] == "medium" and phone[0]["person"] is None


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.name)
def test_invalid_config_is_one_line_exit_2(folder, fixture):
    line, message = _expect(fixture / "pyproject.toml" if fixture.is_dir() else fixture)
    if fixture.is_dir():  # discovered, as a user's pyproject.toml would be
        target = folder / "pyproject.toml"
        shutil.copy(fixture / "pyproject.toml", target)
        r = cli("scan", "clean.txt", cwd=folder)
    else:
        target = folder / ".doxguard.toml"
        shutil.copy(fixture, target)
        r = cli("scan", "clean.txt", cwd=folder)
    assert r.returncode == 2, r.stdout
    assert r.stdout == ""
    err = r.stderr.splitlines()
    assert len(err) == 1, r.stderr
    where = f"{target.name}:{line}: " if line else target.name
    assert where in err[0] and message in err[0], err[0]
    assert err[0].startswith("doxguard: ")


def test_invalid_config_from_the_command(folder):
    """The real command: exit 2, one line naming the key, for --config and for discovery."""
    shutil.copy(CONFIGS / "invalid" / "unknown_key.toml", folder / "mine.toml")
    r = dox("scan", "--config", "mine.toml", "clean.txt", cwd=folder)
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == "doxguard: mine.toml:3: unknown key 'rooster' (known: allow, exclude, fail_on, kinds, " \
                       "link_window, region, roster)\n"
    r = dox("scan", "--config", "nope.toml", "clean.txt", cwd=folder)
    assert (r.returncode, r.stderr) == (2, "doxguard: nope.toml: config file not found\n")
    r = dox("scan", "--region", "XX", "clean.txt", cwd=folder)
    assert r.returncode == 2 and "--region" in r.stderr and "'XX'" in r.stderr


def test_explicit_pyproject_without_table(folder):
    (folder / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    r = cli("scan", "--config", "pyproject.toml", "clean.txt", cwd=folder)
    assert r.returncode == 2 and "no [tool.doxguard] table" in r.stderr
