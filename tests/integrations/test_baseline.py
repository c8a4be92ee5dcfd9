"""Baselines: accept today's findings, fail only on new ones; keyed fingerprints, no PII in the file."""
from __future__ import annotations

import json

from .conftest import SECRETS, assert_no_secret, clean_env, cli, dox

DOC = (
    "Roll call, 3rd shift.\n"
    "Officer Jane Doe: cell (816) 739-2281.\n"
    "Evidence: card 4111 1111 1111 1111.\n"
)


def _findings(project, *args, env=None, run=cli):
    r = run("scan", "--roster", "roster.csv", "-f", "json", *args, cwd=project, env=env)
    return r, json.loads(r.stdout)["findings"]


def test_baseline_survives_moves_and_catches_edits(project):
    doc = project / "roll.txt"
    doc.write_text(DOC, encoding="utf-8")
    r, before = _findings(project, "roll.txt", "--write-baseline", "baseline.json", run=dox)
    assert r.returncode == 1 and {f["kind"] for f in before} >= {"phone", "card", "name"}

    base = (project / "baseline.json").read_text(encoding="utf-8")
    data = json.loads(base)
    assert data["version"] == "1" and len(data["fingerprints"]) == len({f["fingerprint"] for f in before})
    assert all(set(e) == {"fingerprint", "kind", "path"} for e in data["fingerprints"])
    assert_no_secret(base)
    assert "Jane" not in base and "739" not in base and "4111" not in base

    # same content: nothing new, exit 0
    r, after = _findings(project, "roll.txt", "--baseline", "baseline.json")
    assert (r.returncode, after) == (0, [])

    # lines moved (and text around them edited): still suppressed
    doc.write_text("New header line\n\nEvidence: card 4111 1111 1111 1111.\nRoll call.\n"
                   "Officer Jane Doe: cell (816) 739-2281.\n", encoding="utf-8")
    r, after = _findings(project, "roll.txt", "--baseline", "baseline.json")
    assert (r.returncode, after) == (0, [])

    # a different writing of the same value normalises the same: still suppressed
    doc.write_text(DOC.replace("(816) 739-2281", "816.739.2281"), encoding="utf-8")
    r, after = _findings(project, "roll.txt", "--baseline", "baseline.json")
    assert (r.returncode, after) == (0, [])

    # value edited: exactly that finding comes back
    doc.write_text(DOC.replace("4111 1111 1111 1111", "5555 5555 5555 4444"), encoding="utf-8")
    r, after = _findings(project, "roll.txt", "--baseline", "baseline.json", run=dox)
    assert r.returncode == 1
    assert [(f["kind"], f["line"]) for f in after] == [("card", 3)]


def test_baseline_is_per_file_and_refreshable(project):
    (project / "a.txt").write_text(DOC, encoding="utf-8")
    cli("scan", "-r", "roster.csv", "a.txt", "--write-baseline", "b.json", cwd=project)
    # the same value in another file is a new finding (fingerprints include the path)
    (project / "b.txt").write_text(DOC, encoding="utf-8")
    r, new = _findings(project, "a.txt", "b.txt", "--baseline", "b.json")
    assert r.returncode == 1 and new and {f["path"] for f in new} == {"b.txt"}
    # `--baseline B --write-baseline B` refreshes B: old entries kept, new ones added
    cli("scan", "-r", "roster.csv", "a.txt", "b.txt", "--baseline", "b.json", "--write-baseline", "b.json",
        cwd=project)
    r, new = _findings(project, "a.txt", "b.txt", "--baseline", "b.json")
    assert (r.returncode, new) == (0, [])
    paths = {e["path"] for e in json.loads((project / "b.json").read_text())["fingerprints"]}
    assert paths == {"a.txt", "b.txt"}
    # ./a.txt and a.txt are the same file for the baseline
    r, new = _findings(project, "./a.txt", "--baseline", "b.json")
    assert (r.returncode, new) == (0, [])


def test_fingerprint_key(project):
    """DOXGUARD_FINGERPRINT_KEY changes every fingerprint; a baseline from another key is an error."""
    (project / "a.txt").write_text(DOC, encoding="utf-8")
    _, default = _findings(project, "a.txt", "--write-baseline", "b.json")
    keyed_env = {"DOXGUARD_FINGERPRINT_KEY": "ci-secret-1"}
    _, keyed = _findings(project, "a.txt", env=keyed_env)
    assert len(default) == len(keyed)
    assert not {f["fingerprint"] for f in default} & {f["fingerprint"] for f in keyed}
    # stable for one key
    _, again = _findings(project, "a.txt", env=keyed_env)
    assert [f["fingerprint"] for f in again] == [f["fingerprint"] for f in keyed]

    r = dox("scan", "-r", "roster.csv", "a.txt", "--baseline", "b.json", cwd=project,
            env=clean_env(**keyed_env))
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "b.json" in r.stderr and "fingerprint key" in r.stderr
    assert "Traceback" not in r.stderr


def test_bad_baselines_are_one_line_errors(project):
    (project / "a.txt").write_text(DOC, encoding="utf-8")
    cases = {
        "missing.json": (None, "not found"),
        "broken.json": ("{\n  \"fingerprints\": [\n", "broken.json:3: baseline is not valid JSON"),
        "shape.json": ('["abc"]', "must be an object with a 'fingerprints' list"),
        "entry.json": ('{"fingerprints": [{"kind": "ssn"}]}', "entry 0"),
    }
    for name, (content, message) in cases.items():
        if content is not None:
            (project / name).write_text(content, encoding="utf-8")
        r = cli("scan", "-r", "roster.csv", "a.txt", "--baseline", name, cwd=project)
        assert r.returncode == 2, name
        assert r.stdout == "" and r.stderr.count("\n") == 1 and message in r.stderr, (name, r.stderr)
    # unwritable baseline target: exit 2, one line
    (project / "dir.json").mkdir()
    r = cli("scan", "-r", "roster.csv", "a.txt", "--write-baseline", "dir.json", cwd=project)
    assert r.returncode == 2 and "dir.json: cannot write baseline" in r.stderr and "Traceback" not in r.stderr


def test_no_output_leaks_values_without_reveal(project):
    """Every format and the baseline mask values; --reveal is the one switch that shows them."""
    for fmt in ("text", "json", "jsonl", "sarif"):
        r = cli("scan", "-r", "roster.csv", "-f", fmt, "dox.txt", "--write-baseline", f"b-{fmt}.json",
                cwd=project)
        assert r.returncode == 1
        assert_no_secret(r.stdout, r.stderr, (project / f"b-{fmt}.json").read_text())
    r = cli("scan", "-r", "roster.csv", "-f", "json", "--reveal", "dox.txt", cwd=project)
    assert any(s in r.stdout for s in SECRETS)
