"""Hashed rosters: `doxguard roster hash` writes keyed hashes of every private value; scanning with
the hashed roster (and the key) finds exactly what the plaintext roster finds."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest

from .conftest import DATA, DOX, ROSTER_CSV, cli, dox

VALUE_COLUMNS = ("address", "phone", "email", "dob", "ssn", "school", "plate")
DOCS = sorted((DATA / "docs").iterdir())
KEY = "k3y-for-tests-only-0123456789abcdef"


def _plain_values() -> list[str]:
    out = []
    for row in csv.DictReader(io.StringIO(ROSTER_CSV)):
        for col in VALUE_COLUMNS:
            out += [v.strip() for v in (row.get(col) or "").split(";") if v.strip()]
    return out


@pytest.fixture()
def hashed(tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER_CSV, encoding="utf-8")
    (tmp_path / "k.key").write_text(KEY + "\n", encoding="utf-8")
    (tmp_path / "dox.txt").write_text(DOX, encoding="utf-8")
    for d in DOCS:
        shutil.copy(d, tmp_path / d.name)
    r = dox("roster", "hash", "roster.csv", "-o", "hashed.csv", "--key-file", "k.key", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert re.fullmatch(r"hashed\.csv: wrote (\d+) hashed value\(s\)\n", r.stdout)
    assert int(r.stdout.split()[2]) == len(_plain_values())
    return tmp_path


def test_hashed_file_exposes_no_value(hashed):
    text = (hashed / "hashed.csv").read_text(encoding="utf-8")
    squashed = re.sub(r"[\s().,-]", "", text)
    for v in _plain_values():
        assert v not in text
        digits = re.sub(r"\D", "", v)
        if len(digits) >= 4:
            assert digits not in squashed, v
        for word in re.findall(r"[A-Za-z]{4,}", v):
            if word.lower() not in ("kansas", "city", "terrace", "street", "east"):
                assert word not in text, word
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["name"] for r in rows][:2] == ["Jane Q. Doe", "Marcus T. Whitfield"]  # names stay plain
    for row in rows:
        for col in VALUE_COLUMNS:
            for v in filter(None, row[col].split(";")):
                assert re.fullmatch(r"hmac-sha256:[0-9a-f]{8}:[0-9a-f]{64}", v), v  # key id : digest
    r = cli("roster", "check", "hashed.csv", cwd=hashed)
    assert r.returncode == 0 and "values are hashed" in r.stdout


def test_hashed_roster_finds_the_same(hashed):
    names = ["dox.txt", *[d.name for d in DOCS]]
    plain = json.loads(cli("scan", "-f", "json", "-r", "roster.csv", *names, cwd=hashed).stdout)["findings"]
    with_file = cli("scan", "-f", "json", "-r", "hashed.csv", "--roster-key-file", "k.key", *names, cwd=hashed)
    with_env = dox("scan", "-f", "json", "-r", "hashed.csv", *names, cwd=hashed,
                   env={**__import__("os").environ, "DOXGUARD_ROSTER_KEY": KEY})
    known = [f for f in plain if f["known_value"]]
    assert {f["kind"] for f in known} >= {"phone", "ssn", "address", "email"}
    for r in (with_file, with_env):
        assert r.returncode == 1, r.stderr
        assert json.loads(r.stdout)["findings"] == plain  # same kinds, spans, persons, severities, reasons


def test_without_the_key_is_an_error(hashed):
    r = dox("scan", "-r", "hashed.csv", "dox.txt", cwd=hashed)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "hashed values but no key" in r.stderr and "DOXGUARD_ROSTER_KEY" in r.stderr
    for args, message in [
        (["roster.csv", "-o", "x.csv"], "no key: pass --key-file or set DOXGUARD_ROSTER_KEY"),
        (["roster.csv", "-o", "x.csv", "--key-file", "missing.key"], "cannot read key"),
        (["roster.csv", "-o", "x.csv", "--key-file", "empty.key"], "key file is empty"),
    ]:
        (hashed / "empty.key").write_text("\n", encoding="utf-8")
        r = cli("roster", "hash", *args, cwd=hashed)
        assert r.returncode == 2 and message in r.stderr, (args, r.stderr)
        assert not (hashed / "x.csv").exists()
    r = cli("scan", "-r", "hashed.csv", "--roster-key-file", "empty.key", "dox.txt", cwd=hashed)
    assert r.returncode == 2 and "key file is empty" in r.stderr


def test_hashes_are_keyed_and_stable(hashed):
    (hashed / "other.key").write_text("another key", encoding="utf-8")
    cli("roster", "hash", "roster.csv", "-o", "again.csv", "--key-file", "k.key", cwd=hashed)
    cli("roster", "hash", "roster.csv", "-o", "other.csv", "--key-file", "other.key", cwd=hashed)
    cli("roster", "hash", "hashed.csv", "-o", "rehashed.csv", "--key-file", "k.key", cwd=hashed)
    first = (hashed / "hashed.csv").read_text()
    assert (hashed / "again.csv").read_text() == first  # same key: same file
    assert (hashed / "rehashed.csv").read_text() == first  # hashing a hashed roster changes nothing
    other = set(re.findall(r"hmac-sha256:[0-9a-f]+", (hashed / "other.csv").read_text()))
    assert not other & set(re.findall(r"hmac-sha256:[0-9a-f]+", first))


def test_wrong_key_is_an_error(hashed):
    r = cli("scan", "-r", "hashed.csv", "dox.txt", cwd=hashed, env={"DOXGUARD_ROSTER_KEY": "wrong"})
    assert r.returncode == 2


def test_hashed_plate_and_school_are_found(tmp_path):
    """A plaintext roster's plates and schools are also matched literally by the name automaton; a
    hashed roster can only rely on the plate and school detectors (with their context words)."""
    (tmp_path / "r.csv").write_text("id,name,plate,school\nKCPD-2043,José A. Nuñez,KC7 H2M,Border Star Montessori\n",
                                    encoding="utf-8")
    (tmp_path / "doc.txt").write_text("The grey Civic with plate KC7 H2M parks on the street.\n\n"
                                      "The kids go to Border Star Montessori.\n", encoding="utf-8")
    env = {"DOXGUARD_ROSTER_KEY": KEY}
    cli("roster", "hash", "r.csv", "-o", "h.csv", cwd=tmp_path, env=env)
    plain = json.loads(cli("scan", "-f", "json", "-r", "r.csv", "doc.txt", cwd=tmp_path).stdout)["findings"]
    assert [(f["kind"], f["known_value"]) for f in plain] == [("plate", True), ("school", True)]
    hashed = json.loads(cli("scan", "-f", "json", "-r", "h.csv", "doc.txt", cwd=tmp_path, env=env).stdout)
    assert hashed["findings"] == plain
