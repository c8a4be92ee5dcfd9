"""The installed command, driven as a user drives it: exit codes, formats, masking, stdin."""
import json

from .conftest import ROOT, run_cli

DOX = "That cop Jane Q. Doe lives at 88 Birch Lane. Her SSN is 123-45-6789.\n"
CLEAN = "Officer Jane Q. Doe received a commendation today.\n"


def test_examples_exit_1_and_press_release_clean():
    r = run_cli("scan", "--roster", ROOT / "examples/roster.csv", "--config", ROOT / "examples/.doxguard.toml",
                "--format", "json", ROOT / "examples/docs")
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    by_file = {}
    for f in doc["findings"]:
        by_file.setdefault(f["path"].rsplit("/", 1)[-1], []).append(f["severity"])
    assert {"critical"} <= set(by_file["forum_post.txt"])
    assert not {"high", "critical"} & set(by_file["press_release.txt"])
    assert not {"high", "critical"} & set(by_file["incident_report.txt"])
    assert "critical" in by_file["leaked_rows.csv"]


def test_exit_codes(tmp_path, roster_file):
    clean, dox = tmp_path / "clean.txt", tmp_path / "dox.txt"
    clean.write_text(CLEAN)
    dox.write_text(DOX)
    assert run_cli("scan", "-r", roster_file, clean).returncode == 0
    assert run_cli("scan", "-r", roster_file, dox).returncode == 1
    assert run_cli("scan", "-r", roster_file, "--fail-on", "critical", clean).returncode == 0
    assert run_cli("scan", "-r", roster_file, "--fail-on", "low", clean).returncode == 1
    r = run_cli("scan", "-r", roster_file, clean, tmp_path / "missing.txt")
    assert r.returncode == 2 and "missing.txt: no such file or directory" in r.stderr


def test_unreadable_path_is_never_clean_and_findings_still_reported(tmp_path, roster_file):
    dox = tmp_path / "dox.txt"
    dox.write_text(DOX)
    r = run_cli("scan", "-r", roster_file, "--format", "json", dox, tmp_path / "nope")
    assert r.returncode == 2
    doc = json.loads(r.stdout)
    assert doc["errors"][0]["path"].endswith("nope")
    assert any(f["kind"] == "ssn" for f in doc["findings"])


def test_json_fields_and_offsets(tmp_path, roster_file):
    p = tmp_path / "d.txt"
    text = "first line\n" + DOX
    p.write_text(text)
    r = run_cli("scan", "-r", roster_file, "--format", "json", "--reveal", p)
    doc = json.loads(r.stdout)
    assert doc["version"] == "1"
    ssn = next(f for f in doc["findings"] if f["kind"] == "ssn")
    assert text[ssn["start"]:ssn["end"]] == "123-45-6789" == ssn["value"]
    assert ssn["line"] == 2 and ssn["column"] == text.split("\n")[1].index("123") + 1
    assert ssn["severity"] == "critical" and ssn["person"]["id"] == "KCPD-1042"
    assert set(ssn) >= {"path", "line", "column", "end_line", "end_column", "start", "end", "kind", "severity",
                        "rule", "person", "known_value", "value", "reason", "fingerprint"}
    s = doc["summary"]
    assert s["files"] == 1 and s["findings"] == len(doc["findings"]) and s["by_severity"]["critical"] >= 1


def test_values_masked_by_default_in_every_format(tmp_path, roster_file):
    p = tmp_path / "d.txt"
    p.write_text(DOX + "Call (816) 739-2281.\n")
    for fmt in ("text", "json", "jsonl"):
        r = run_cli("scan", "-r", roster_file, "--format", fmt, p)
        out = r.stdout + r.stderr
        for raw in ("123-45-6789", "6789", "739-2281", "88 Birch"):
            assert raw not in out, (fmt, raw)
    r = run_cli("scan", "-r", roster_file, "--format", "json", "--reveal", p)
    assert "123-45-6789" in r.stdout


def test_stdin_dash_and_pipe():
    r = run_cli("scan", "--format", "jsonl", "-", input=b"SSN 123-45-6789\n")
    assert r.returncode == 1
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert rows and rows[0]["path"] == "-" and rows[0]["kind"] == "ssn"
    r = run_cli("scan", "--format", "json", input=b"nothing here\n")
    assert r.returncode == 0 and json.loads(r.stdout)["findings"] == []


def test_text_output_plain_in_pipe_and_output_file(tmp_path, roster_file):
    p = tmp_path / "d.txt"
    p.write_text(DOX)
    r = run_cli("scan", "-r", roster_file, p)
    assert "\x1b[" not in r.stdout and "CRITICAL" in r.stdout and "lives at" in r.stdout
    out = tmp_path / "report.json"
    r = run_cli("scan", "-r", roster_file, "--format", "json", "--output", out, p)
    assert r.returncode == 1 and r.stdout == ""
    assert json.loads(out.read_text())["findings"]


def test_binary_skipped_and_counted(tmp_path):
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01\x02" * 1000 + b"123-45-6789")
    (tmp_path / "ok.txt").write_text("hello\n")
    r = run_cli("scan", "--format", "json", tmp_path)
    doc = json.loads(r.stdout)
    assert r.returncode == 0 and doc["summary"]["skipped_binary"] == 1 and doc["summary"]["files"] == 2


def test_gitignore_and_exclude(tmp_path):
    (tmp_path / ".gitignore").write_text("secret/\n*.log\n")
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "a.txt").write_text("SSN 123-45-6789\n")
    (tmp_path / "x.log").write_text("SSN 123-45-6789\n")
    (tmp_path / "keep.md").write_text("SSN 123-45-6789\n")
    (tmp_path / "skip.md").write_text("SSN 123-45-6789\n")
    r = run_cli("scan", "--format", "json", "--exclude", "skip.md", tmp_path)
    paths = {f["path"].rsplit("/", 1)[-1] for f in json.loads(r.stdout)["findings"]}
    assert paths == {"keep.md"}


def test_bad_roster_exits_2_with_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\nA,Jane Doe\nA,John Roe\n")
    r = run_cli("scan", "-r", bad, "-", input=b"x")
    assert r.returncode == 2
    assert f"{bad}:3: duplicate id 'A'" in r.stderr
    assert "Traceback" not in r.stderr


def test_bad_option_value_exit_2():
    r = run_cli("scan", "--fail-on", "bogus", "-", input=b"x")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_roster_check_counts(roster_file):
    r = run_cli("roster", "check", roster_file)
    out = r.stdout
    assert r.returncode == 0 and "persons:        7" in out and "family members: 2" in out


def test_rules_lists_detectors():
    out = run_cli("rules").stdout
    for kind in ("ssn", "card", "name"):
        assert f"\n{kind}" in out or out.startswith(kind)


def test_invalid_utf8_around_ssn_is_found(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(b"\xfa\xff junk \xc3 SSN: 123-45-6789 \xff\n")
    r = run_cli("scan", "--format", "json", p)
    doc = json.loads(r.stdout)
    assert r.returncode == 1 and doc["findings"][0]["kind"] == "ssn"


def test_utf16_with_bom(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("SSN: 123-45-6789\n".encode("utf-16"))
    doc = json.loads(run_cli("scan", "--format", "json", p).stdout)
    assert doc["findings"][0]["kind"] == "ssn" and doc["summary"]["skipped_binary"] == 0
