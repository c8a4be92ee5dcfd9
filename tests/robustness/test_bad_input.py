"""Issue 4, part 1: the bad-input matrix. Each case runs the installed command; each must give the
spec's exit code, one clear `doxguard: ...` line per problem, and never a traceback."""
from __future__ import annotations

import os
import random

import pytest

from scanner.walk import NotText, decode, sniff_encoding

from .conftest import assert_clean_stderr, doxguard, run_many, workspace

SSN_LINE = "Her SSN is 123-45-6789.\n"


def ssn_findings(doc: dict) -> list[dict]:
    return [f for f in doc["findings"] if f["kind"] == "ssn"]


# ---------------------------------------------------------------------------- plain files
def test_empty_file_is_clean(ws):
    (ws / "empty.txt").write_bytes(b"")
    r = doxguard("scan", "--format", "json", "empty.txt", cwd=ws)
    assert r.code == 0, str(r)
    assert_clean_stderr(r, problems=0)
    doc = r.json()
    assert doc["findings"] == [] and doc["errors"] == [] and doc["summary"]["files"] == 1


def test_empty_file_text_format(ws):
    (ws / "empty.txt").write_bytes(b"")
    r = doxguard("scan", "--no-color", "empty.txt", cwd=ws)
    assert r.code == 0, str(r)
    assert_clean_stderr(r, problems=0)


def test_random_binary_is_skipped_and_counted(ws):
    blob = random.Random(4).randbytes(64 * 1024)
    assert b"\x00" in blob[:8192]
    (ws / "blob.bin").write_bytes(blob)
    (ws / "note.txt").write_text("nothing private here\n")
    r = doxguard("scan", "--format", "json", "blob.bin", "note.txt", cwd=ws)
    assert r.code == 0, str(r)
    assert_clean_stderr(r, problems=0)
    s = r.json()["summary"]
    assert s["skipped_binary"] == 1 and s["files"] == 2, str(r)


def test_invalid_utf8_around_a_real_ssn_is_found(ws):
    data = b"header \xc3\x28 \x80\x81\xfe junk " + SSN_LINE.encode() + b"tail \xed\xa0\x80 \xf0\x28\x8c\x28\n"
    (ws / "broken.txt").write_bytes(data)
    r = doxguard("scan", "--format", "json", "--reveal", "broken.txt", cwd=ws)
    assert r.code == 1, str(r)
    assert_clean_stderr(r)  # a one-line note about replaced bytes is allowed
    assert "123-45-6789" not in r.err  # the note never quotes content
    found = ssn_findings(r.json())
    assert [f["value"] for f in found] == ["123-45-6789"], str(r)
    text = data.decode("utf-8", "replace")
    f = found[0]
    assert text[f["start"]:f["end"]] == "123-45-6789"


@pytest.mark.parametrize("codec,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                       ("utf-32-le", b"\xff\xfe\x00\x00")])
def test_utf16_and_utf32_with_bom_are_found(ws, codec, bom):
    text = "Räume: Zoë's notes\r\n" + SSN_LINE
    (ws / "wide.txt").write_bytes(bom + text.encode(codec))
    r = doxguard("scan", "--format", "json", "--reveal", "wide.txt", cwd=ws)
    assert r.code == 1, str(r)
    assert_clean_stderr(r, problems=0)
    (f,) = ssn_findings(r.json())
    assert text[f["start"]:f["end"]] == "123-45-6789" and (f["line"], f["column"]) == (2, 12)


def test_decode_sniffs_utf16_without_bom_and_text_with_a_stray_nul():
    """walk.decode (used by `redact` and the library) reads what `bcp -w`/.NET write and a stray NUL."""
    doc = "id,name,ssn\r\n1,Jane Doe," + "123-45-6789\r\n"
    assert decode(doc.encode("utf-16-le")).text == doc
    assert decode(doc.encode("utf-16-be")).text == doc
    assert "123-45-6789" in decode(b"id,ssn\n1,\x00123-45-6789\n").text
    assert sniff_encoding(b"\xef\xbb\xbfabc") == ("utf-8", 3)
    for blob in (random.Random(1).randbytes(4096), b"\x00\x01\x02" * 1000, b"\x00" * 100, bytes(range(256)) * 8):
        with pytest.raises(NotText):
            decode(blob)


@pytest.mark.xfail(strict=True, reason=(
    "runner._scan_stream has its own binary sniff (any NUL byte without a BOM = binary): a UTF-16 file "
    "without a BOM (SQL Server `bcp -w`, .NET exports) is skipped as binary and the gate exits 0 on an "
    "SSN. Fix: use walk.sniff_encoding(head) there instead of _bom_encoding + the NUL check."))
def test_utf16_without_bom_is_scanned_not_skipped(ws):
    (ws / "export.csv").write_bytes("id,name,ssn\r\n1,Jane Doe,123-45-6789\r\n".encode("utf-16-le"))
    r = doxguard("scan", "--format", "json", "export.csv", cwd=ws)
    assert r.code == 1, str(r)


@pytest.mark.xfail(strict=True, reason=(
    "runner._scan_stream treats one NUL byte in the first 8 KiB as binary: a text export with a stray "
    "NUL is skipped whole and the gate exits 0 on the SSN in it. Fix: walk.sniff_encoding(head)."))
def test_text_with_a_stray_nul_is_scanned(ws):
    (ws / "dump.txt").write_bytes(b"id\tnote\n1\tbad row \x00 here\n2\t" + SSN_LINE.encode())
    r = doxguard("scan", "--format", "json", "dump.txt", cwd=ws)
    assert r.code == 1, str(r)


def test_50mb_single_line_ssn_at_the_end_found_in_bounded_memory(ws):
    filler = b"lorem ipsum dolor sit amet "
    size = 50 * 1024 * 1024
    path = ws / "huge.txt"
    with open(path, "wb") as fh:
        block = filler * (1024 * 1024 // len(filler))
        written = 0
        while written + len(block) <= size:
            fh.write(block)
            written += len(block)
        fh.write(b"SSN 123-45-6789")
    r = doxguard("scan", "--format", "json", "--jobs", "1", "huge.txt", cwd=ws, timeout=120)
    assert r.code == 1, str(r)
    assert_clean_stderr(r, problems=0)
    (f,) = ssn_findings(r.json())
    assert f["start"] == written + 4 and f["line"] == 1 and f["column"] == written + 5
    # Chunked reading: memory must not grow with the file. Reading 50 MB whole and folding it
    # costs ~400 MB; the bound only catches that (or worse), not normal variation.
    assert r.maxrss_kb < 256 * 1024, f"peak RSS {r.maxrss_kb // 1024} MiB for a 50 MiB file"


# ---------------------------------------------------------------------------- paths
@pytest.fixture()
def messy_tree(ws):
    d = ws / "d"
    (d / "sub").mkdir(parents=True)
    (d / "a_dox.txt").write_text(SSN_LINE)
    (d / "b_clean.txt").write_text("the weather was fine\n")
    (d / "sub" / "c_clean.txt").write_text("nothing to see\n")
    os.symlink("nowhere.txt", d / "dangling")
    os.mkfifo(d / "pipe")
    os.symlink("..", d / "sub" / "loop")
    os.symlink("nowhere2.txt", ws / "dangling2")
    os.mkfifo(ws / "pipe2")
    return ws


def test_dangling_symlink_fifo_loop_and_missing_path_exit_2_rest_reported(messy_tree):
    ws = messy_tree
    r = doxguard("scan", "--format", "json", "d", "missing.txt", "dangling2", "pipe2", cwd=ws, timeout=30)
    assert r.code == 2, str(r)
    doc = r.json()
    assert [f["path"] for f in ssn_findings(doc)] == ["d/a_dox.txt"], str(r)
    assert doc["summary"]["files"] == 3  # a_dox, b_clean, sub/c_clean: the rest still scanned
    errors = {e["path"]: e["message"] for e in doc["errors"]}
    assert set(errors) == {"d/dangling", "d/pipe", "d/sub/loop", "missing.txt", "dangling2", "pipe2"}, str(r)
    assert "dangling" in errors["d/dangling"] and "dangling" in errors["dangling2"]
    assert "FIFO" in errors["d/pipe"] and "FIFO" in errors["pipe2"]
    assert "loop" in errors["d/sub/loop"]
    assert "no such file" in errors["missing.txt"]
    lines = assert_clean_stderr(r, problems=len(errors))
    for path, message in errors.items():
        assert f"doxguard: {path}: {message}" in lines


def test_path_problems_in_text_format_still_exit_2(messy_tree):
    r = doxguard("scan", "--no-color", "d", "missing.txt", cwd=messy_tree, timeout=30)
    assert r.code == 2, str(r)
    assert "Traceback" not in r.err + r.out
    assert "missing.txt" in r.out + r.err


def test_a_second_link_to_the_same_folder_is_scanned_once_not_an_error(ws):
    (ws / "real").mkdir()
    (ws / "real" / "dox.txt").write_text(SSN_LINE)
    os.symlink("real", ws / "again")
    r = doxguard("scan", "--format", "json", ".", cwd=ws)
    assert r.code == 1, str(r)
    assert [f["path"] for f in r.json()["findings"]] == ["real/dox.txt"]
    assert r.json()["errors"] == []


# ---------------------------------------------------------------------------- rosters
DOC_WITH_KNOWN_PHONE = "Call her cell at 816-739-4417 tonight.\n"
GOOD_CSV = "id,name,phone\nK-1,Jane Doe,(816) 739-4417\n"

ROSTERS = {
    # name: (bytes, expected exit, message fragment or None, expected line or None)
    "random_bytes": (random.Random(7).randbytes(3000), 2, "binary", None),
    "random_utf8_noise": (bytes(random.Random(8).choice(range(0x20, 0x7f)) for _ in range(600)), 2,
                          "missing required column", 1),
    "bom_crlf": (b"\xef\xbb\xbf" + GOOD_CSV.replace("\n", "\r\n").encode(), 1, None, None),
    "utf16_no_bom": (GOOD_CSV.encode("utf-16-le"), 1, None, None),
    "utf16_bom_tabs": (b"\xff\xfe" + GOOD_CSV.replace(",", "\t").encode("utf-16-le"), 1, None, None),
    "json_ok": (b'[{"id": "K-1", "name": "Jane Doe", "phone": ["(816) 739-4417"]}]', 1, None, None),
    "empty_file": (b"", 2, "empty roster", 1),
    "no_rows": (b"id,name,phone\n", 2, "no persons", 1),
    "json_empty_list": (b"[]", 2, "no persons", None),
    "name_10000_chars": (("id,name\nK-1," + "A" * 10000 + "\n").encode(), 2, "longer than", 2),
    "field_200000_chars": (("id,name,address\nK-1,Jane Doe,\"" + "x" * 200000 + "\"\n").encode(), 2, None, None),
    "missing_id": (b"name,phone\nJane Doe,816-739-4417\n", 2, "missing required column(s): id", 1),
    "missing_name": (b"id,phone\nK-1,816-739-4417\n", 2, "missing required column(s): name", 1),
    "duplicate_id": (b"id,name,phone\nK-1,Jane Doe,816-739-4417\nK-1,John Roe,816-739-4490\n", 2,
                     "duplicate id 'K-1'", 3),
    "family_of_nowhere": (b"id,name,family_of,phone\nK-1,Jane Doe,,\nF-1,Tom Doe,K-404,816-739-4490\n", 2,
                          "matches no id", 3),
    "name_without_letters": (b"id,name\nK-1,--- ...\n", 2, "no letters", 2),
    "invalid_json": (b'[{"id": "K-1", "name": ', 2, "invalid JSON", 1),
    "too_many_fields": (b"id,name\nK-1,Jane Doe,816-739-4417\n", 2, "fields but the header has", 2),
}


@pytest.fixture(scope="module")
def roster_runs(tmp_path_factory):
    ws = workspace(tmp_path_factory.mktemp("rosters"))
    (ws / "doc.txt").write_text(DOC_WITH_KNOWN_PHONE)
    specs = {}
    for name, (data, *_rest) in ROSTERS.items():
        ext = ".json" if name.startswith("json") or name == "invalid_json" else ".csv"
        (ws / f"{name}{ext}").write_bytes(data)
        specs[name] = {"args": ["scan", "--format", "json", "--roster", f"{name}{ext}", "doc.txt"], "cwd": ws}
    (ws / "a_folder.csv").mkdir()
    specs["roster_is_a_folder"] = {"args": ["scan", "--roster", "a_folder.csv", "doc.txt"], "cwd": ws}
    specs["roster_missing"] = {"args": ["scan", "--roster", "nope.csv", "doc.txt"], "cwd": ws}
    specs["check_no_rows"] = {"args": ["roster", "check", "no_rows.csv"], "cwd": ws}
    specs["check_bom_crlf"] = {"args": ["roster", "check", "bom_crlf.csv"], "cwd": ws}
    specs["check_random"] = {"args": ["roster", "check", "random_bytes.csv"], "cwd": ws}
    return run_many(specs)


@pytest.mark.parametrize("name", list(ROSTERS))
def test_roster_matrix(roster_runs, name):
    _data, code, fragment, line = ROSTERS[name]
    r = roster_runs[name]
    assert r.code == code, str(r)
    if code == 1:  # the roster loaded: the known phone is a critical, known-value finding
        assert_clean_stderr(r, problems=0)
        (f,) = [f for f in r.json()["findings"] if f["kind"] == "phone"]
        assert f["known_value"] and f["severity"] == "critical" and f["person"]["id"] == "K-1", str(r)
        return
    (msg,) = assert_clean_stderr(r, problems=1)
    where = f"doxguard: {name}." + ("json" if name.startswith("json") or name == "invalid_json" else "csv")
    assert msg.startswith(where + (f":{line}: " if line else ":")), str(r)
    if fragment:
        assert fragment in msg, str(r)
    assert len(msg) < 300
    assert r.out == ""  # nothing is scanned against a broken roster


@pytest.mark.parametrize("name,fragment", [("roster_is_a_folder", "directory"), ("roster_missing", "not found"),
                                           ("check_random", "binary")])
def test_roster_path_problems(roster_runs, name, fragment):
    r = roster_runs[name]
    assert r.code == 2, str(r)
    (msg,) = assert_clean_stderr(r, problems=1)
    assert fragment in msg


def test_roster_check_no_rows_and_bom_crlf(roster_runs):
    r = roster_runs["check_no_rows"]
    assert r.code == 2 and "no_rows.csv:1: roster has no persons" in r.err, str(r)
    r = roster_runs["check_bom_crlf"]
    assert r.code == 0 and "persons:        1" in r.out, str(r)
    assert_clean_stderr(r, problems=0)


# ---------------------------------------------------------------------------- config and usage
CONFIGS = {
    "wrong_type": ('link_window = "wide"\n', "link_window"),
    "wrong_type_list": ("exclude = 3\n", "exclude"),
    "unknown_key": ("colour = true\n", "colour"),
    "bad_fail_on": ('fail_on = "sometimes"\n', "fail_on"),
    "bad_kind": ('kinds = ["ssn", "horoscope"]\n', "horoscope"),
    "invalid_toml": ("fail_on = \n", "invalid TOML"),
}
USAGE = {
    "fail_on_bogus": (["scan", "--fail-on", "bogus", "doc.txt"], ["--fail-on", "bogus"]),
    "format_bogus": (["scan", "--format", "yaml", "doc.txt"], ["--format", "yaml"]),
    "jobs_zero": (["scan", "--jobs", "0", "doc.txt"], ["--jobs"]),
}


@pytest.fixture(scope="module")
def config_runs(tmp_path_factory):
    specs = {}
    for name, (body, _) in CONFIGS.items():
        ws = workspace(tmp_path_factory.mktemp(name))
        (ws / "doc.txt").write_text("nothing\n")
        (ws / ".doxguard.toml").write_text(body)  # discovered from the working folder
        specs[name] = {"args": ["scan", "doc.txt"], "cwd": ws}
    ws = workspace(tmp_path_factory.mktemp("usage"))
    (ws / "doc.txt").write_text("nothing\n")
    (ws / "cfg.toml").write_text("[tool.doxguard]\nroster = 5\n")
    specs["explicit_config_wrong_type"] = {"args": ["scan", "--config", "cfg.toml", "doc.txt"], "cwd": ws}
    for name, (args, _) in USAGE.items():
        specs[name] = {"args": args, "cwd": ws}
    return run_many(specs)


@pytest.mark.parametrize("name", list(CONFIGS) + ["explicit_config_wrong_type"])
def test_bad_config_exit_2_naming_the_key(config_runs, name):
    r = config_runs[name]
    assert r.code == 2, str(r)
    (msg,) = assert_clean_stderr(r, problems=1)
    fragment = CONFIGS[name][1] if name in CONFIGS else "roster"
    assert fragment in msg and ".toml" in msg, str(r)


@pytest.mark.parametrize("name", list(USAGE))
def test_bad_option_value_exit_2_no_traceback(config_runs, name):
    r = config_runs[name]
    assert r.code == 2, str(r)
    assert "Traceback" not in r.err
    for word in USAGE[name][1]:
        assert word in r.err, str(r)


@pytest.mark.xfail(strict=True, reason=(
    "cli.py: usage errors (bad --fail-on/--format value) are drawn by typer/rich as a multi-line box "
    "even in a pipe, not one `doxguard: ...` line. Fix: catch click.UsageError (standalone_mode=False) "
    "or set typer.core.rich = None, and print `doxguard: --fail-on: 'bogus' is not one of ...`."))
def test_bad_option_value_is_one_line(config_runs):
    assert_clean_stderr(config_runs["fail_on_bogus"], problems=1)
