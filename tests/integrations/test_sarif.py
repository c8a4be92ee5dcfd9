"""`--format sarif`: valid SARIF 2.1.0 (the OASIS schema), levels per severity, one rule per kind."""
from __future__ import annotations

import json
import os

import jsonschema
import pytest

from .conftest import DATA, SCHEMA, assert_no_secret, cli, dox

GOLDEN = DATA / "golden"
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("http://json-schema.org/draft-04/")  # the schema's own dialect
    return jsonschema.Draft4Validator(schema)


def _sarif(project, *args, run=cli):
    r = run("scan", "--roster", "roster.csv", "--format", "sarif", *args, cwd=project)
    return r, json.loads(r.stdout)


def test_sarif_is_valid_and_maps_findings(project, validator):
    r, doc = _sarif(project, "dox.txt", "clean.txt", run=dox)
    assert r.returncode == 1
    validator.validate(doc)
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "doxguard" and driver["version"]
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    assert {"name", "ssn", "card", "phone", "email", "address", "dob", "school", "health"} <= set(rule_ids)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0]["executionSuccessful"] is True

    # the same findings as --format json, field by field
    js = json.loads(cli("scan", "--roster", "roster.csv", "--format", "json", "dox.txt", "clean.txt",
                        cwd=project).stdout)["findings"]
    results = run["results"]
    assert len(results) == len(js) > 0
    for res, f in zip(results, js):
        assert res["ruleId"] == f["kind"] and driver["rules"][res["ruleIndex"]]["id"] == f["kind"]
        assert res["level"] == LEVELS[f["severity"]]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": f["path"], "uriBaseId": "%SRCROOT%"}
        assert loc["region"] == {"startLine": f["line"], "startColumn": f["column"], "endLine": f["end_line"],
                                 "endColumn": f["end_column"], "charOffset": f["start"],
                                 "charLength": f["end"] - f["start"]}
        assert res["partialFingerprints"] == {"doxguard/v1": f["fingerprint"]}
        props = res["properties"]
        assert props["severity"] == f["severity"] and props["known_value"] == f["known_value"]
        assert props.get("person", None) == f["person"]
        msg = res["message"]["text"]
        assert f["kind"] in msg and f["severity"] in msg and f["value"] in msg and f["reason"] in msg
        if f["person"]:
            assert f["person"]["id"] in msg
    assert {"error", "note"} <= {res["level"] for res in results}
    assert_no_secret(r.stdout)


def test_sarif_reveal_is_the_only_way_to_unmask(project):
    masked = cli("scan", "--roster", "roster.csv", "-f", "sarif", "dox.txt", cwd=project).stdout
    revealed = cli("scan", "--roster", "roster.csv", "-f", "sarif", "--reveal", "dox.txt", cwd=project).stdout
    assert_no_secret(masked)
    assert "512-44-7391" in revealed and "(816) 739-2281" in revealed


def test_sarif_errors_are_notifications(project, validator):
    r, doc = _sarif(project, "dox.txt", "missing.txt")
    assert r.returncode == 2
    assert "missing.txt" in r.stderr  # the one-line error still goes to stderr
    validator.validate(doc)
    inv = doc["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and "missing.txt" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.txt"
    assert doc["runs"][0]["results"], "findings that were found are still reported"


def test_sarif_output_file_and_uris(project, validator):
    sub = project / "release notes"
    sub.mkdir()
    (sub / "memo é.txt").write_text("SSN 512-44-7391\n", encoding="utf-8")
    r = dox("scan", "--roster", "roster.csv", "-f", "sarif", "--output", "out.sarif", "./release notes",
            cwd=project)
    assert r.returncode == 1 and r.stdout == ""
    doc = json.loads((project / "out.sarif").read_text(encoding="utf-8"))
    validator.validate(doc)
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "release%20notes/memo%20%C3%A9.txt"  # relative, percent-encoded, no ./


def test_sarif_stdin_and_empty(project, validator):
    r = cli("scan", "-f", "sarif", "-", input="nothing here\n", cwd=project)
    assert r.returncode == 0
    doc = json.loads(r.stdout)
    validator.validate(doc)
    assert doc["runs"][0]["results"] == []
    r = cli("scan", "-f", "sarif", "-", input="SSN 512-44-7391\n", cwd=project)
    doc = json.loads(r.stdout)
    validator.validate(doc)
    assert doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stdin"


def _normalise(doc: dict) -> dict:
    run = doc["runs"][0]
    run["tool"]["driver"]["version"] = run["tool"]["driver"]["semanticVersion"] = "X"
    run["tool"]["driver"].pop("informationUri", None)
    run["properties"]["summary"]["seconds"] = 0
    return doc


def test_sarif_golden(tmp_path, validator):
    """A small fixed input (SSN, card, known phone, name) against a reviewed golden file.
    Regenerate with DOXGUARD_UPDATE_GOLDEN=1 after an intended change, and review the diff."""
    src = GOLDEN / "basic"
    for name in ("roster.csv", "memo.txt"):
        (tmp_path / name).write_bytes((src / name).read_bytes())
    r = cli("scan", "--roster", "roster.csv", "-f", "sarif", "memo.txt", cwd=tmp_path)
    doc = _normalise(json.loads(r.stdout))
    validator.validate(doc)
    golden = src / "memo.sarif"
    if os.environ.get("DOXGUARD_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert doc == json.loads(golden.read_text(encoding="utf-8"))
    assert r.returncode == 1
