"""Issue 4, part 1: the bad-input matrix. Each case runs the installed command; each must give the
spec's exit code, one clear `doxguard: ...` line per problem, and never a traceback."""
from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

import pytest

from scanner.walk import NotText, decode, sniff_encoding

from .conftest import assert_clean_stderr, background_job, doxguard, job_result, run_many, workspace

SSN_LINE = "Her SSN is 123-45-6789.\n"


def ssn_findings(doc: dict) -> list[dict]:
    return [f for f in doc["findings"] if f["kind"] == "ssn"]


# ---------------------------------------------------------------------------- plain files
def test_empty_file_and_random_binary_exit_0_binary_skipped_and_counted(ws):
    blob = random.Random(4).randbytes(64 * 1024)
    assert b"\x00" in blob[:8192]
    (ws / "blob.bin").write_bytes(blob)
    (ws / "empty.txt").write_bytes(b"")
    (ws / "note.txt").write_text("nothing private here\n")
    r = doxguard("scan", "--format", "json", "blob.bin", "empty.txt", "note.txt", cwd=ws)
    assert r.code == 0, str(r)
    assert_clean_stderr(r, problems=0)
    doc = r.json()
    assert doc["findings"] == [] and doc["errors"] == []
    assert doc["summary"]["skipped_binary"] == 1 and doc["summary"]["files"] == 3, str(r)


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


def test_utf16_and_utf32_with_bom_are_found(ws):
    text = "Räume: Zoë's notes\r\n" + SSN_LINE
    files = {"u16le.txt": (b"\xff\xfe", "utf-16-le"), "u16be.txt": (b"\xfe\xff", "utf-16-be"),
             "u32le.txt": (b"\xff\xfe\x00\x00", "utf-32-le")}
    for name, (bom, codec) in files.items():
        (ws / name).write_bytes(bom + text.encode(codec))
    r = doxguard("scan", "--format", "json", "--reveal", *files, cwd=ws)
    assert r.code == 1, str(r)
    assert_clean_stderr(r, problems=0)
    found = {f["path"]: f for f in ssn_findings(r.json())}
    assert set(found) == set(files), str(r)
    for f in found.values():
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


def test_utf16_without_bom_and_text_with_a_stray_nul_are_scanned(ws):
    (ws / "export.csv").write_bytes("id,name,ssn\r\n1,Jane Doe,123-45-6789\r\n".encode("utf-16-le"))
    (ws / "dump.txt").write_bytes(b"id\tnote\n1\tbad row \x00 here\n2\t" + SSN_LINE.encode())
    r = doxguard("scan", "--format", "json", "export.csv", "dump.txt", cwd=ws)
    assert r.code == 1, str(r)
    assert sorted(f["path"] for f in ssn_findings(r.json())) == ["dump.txt", "export.csv"], str(r)


@background_job("huge_file")
def _huge_file_run():
    """Write 50 MiB on one line with an SSN at its very end, scan it, delete it."""
    filler = b"lorem ipsum dolor sit amet "
    size = 50 * 1024 * 1024
    with tempfile.TemporaryDirectory(prefix="doxguard-huge-") as tmp:
        ws = workspace(Path(tmp))
        with open(ws / "huge.txt", "wb") as fh:
            block = filler * (1024 * 1024 // len(filler))
            written = 0
            while written + len(block) <= size:
                fh.write(block)
                written += len(block)
            fh.write(b"SSN 123-45-6789")
        return written, doxguard("scan", "--format", "json", "--jobs", "1", "huge.txt", cwd=ws, timeout=180)


def test_50mb_single_line_ssn_at_the_end_found_in_bounded_memory():
    written, r = job_result("huge_file")
    assert r.code == 1, str(r)
    assert_clean_stderr(r, problems=0)
    (f,) = ssn_findings(r.json())
    assert f["start"] == written + 4 and f["line"] == 1 and f["column"] == written + 5
    # Chunked reading: memory must not grow with the file. Reading 50 MB whole and folding it
    # costs ~400 MB (measured before chunking); chunked, ~130 MB. The bound only catches the former.
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
# Broken rosters: name -> (bytes, message fragment or None, line or None). Passed together as
# repeated --roster options, they must give exit 2 and exactly one `path[:line]: message` line
# each (the loader reports every file's problem, not just the first), and scan nothing.
BROKEN_ROSTERS = {
    "random_bytes.csv": (random.Random(7).randbytes(3000), "binary", None),
    "random_ascii.csv": (bytes(random.Random(8).choice(range(0x21, 0x7f)) for _ in range(600)),
                         "missing required column", 1),
    "empty_file.csv": (b"", "empty roster", 1),
    "no_rows.csv": (b"id,name,phone\n", "no persons", 1),
    "json_empty_list.json": (b"[]", "no persons", None),
    "name_10000_chars.csv": (("id,name\nK-1," + "A" * 10000 + "\n").encode(), "longer than 1000", 2),
    "field_200000_chars.csv": (("id,name,address\nK-2,Jane Doe,\"" + "x" * 200000 + "\"\n").encode(),
                               "field larger than", 2),
    "missing_id.csv": (b"name,phone\nJane Doe,816-739-4417\n", "missing required column(s): id", 1),
    "missing_name.csv": (b"id,phone\nK-3,816-739-4417\n", "missing required column(s): name", 1),
    "duplicate_id.csv": (b"id,name,phone\nK-4,Jane Doe,816-739-4417\nK-4,John Roe,816-739-4490\n",
                         "duplicate id 'K-4'", 3),
    "family_of_nowhere.csv": (b"id,name,family_of,phone\nK-5,Jane Doe,,\nF-5,Tom Doe,K-404,816-739-4490\n",
                              "matches no id", 3),
    "name_without_letters.csv": (b"id,name\nK-6,--- ...\n", "no letters", 2),
    "invalid_json.json": (b'[{"id": "K-7", "name": ', "invalid JSON", 1),
    "too_many_fields.csv": (b"id,name\nK-8,Jane Doe,816-739-4417\n", "fields but the header has", 2),
}
# Rosters that must load: name -> (bytes, the phone that makes the document a known-value finding)
GOOD_ROSTERS = {
    "bom_crlf.csv": b"\xef\xbb\xbf" + "id,name,phone\r\nG-1,Ann Lee,(816) 739-4401\r\n".encode(),
    "utf16_no_bom.csv": "id,name,phone\nG-2,Bo Kim,(816) 739-4402\n".encode("utf-16-le"),
    "utf16_bom_tabs.txt": b"\xff\xfe" + "id\tname\tphone\nG-3\tCy Ode\t816-739-4403\n".encode("utf-16-le"),
    "semicolons.csv": b"id;name;phone\nG-4;Di Fox;816-739-4404\n",
    "list.json": b'[{"id": "G-5", "name": "Ed Gray", "phone": ["(816) 739-4405"]}]',
}
GOOD_DOC = "".join(f"Call cell 816-739-440{i} tonight.\n" for i in range(1, 6))


@pytest.fixture(scope="module")
def roster_runs(tmp_path_factory):
    ws = workspace(tmp_path_factory.mktemp("rosters"))
    (ws / "doc.txt").write_text(GOOD_DOC)
    for name, (data, *_rest) in BROKEN_ROSTERS.items():
        (ws / name).write_bytes(data)
    for name, data in GOOD_ROSTERS.items():
        (ws / name).write_bytes(data)
    (ws / "a_folder.csv").mkdir()
    broken = [a for name in BROKEN_ROSTERS for a in ("--roster", name)]
    good = [a for name in GOOD_ROSTERS for a in ("--roster", name)]
    specs = {
        "broken": {"args": ["scan", "--format", "json", *broken, "doc.txt"]},
        "good": {"args": ["scan", "--format", "json", *good, "doc.txt"]},
        "roster_is_a_folder": {"args": ["scan", "--roster", "a_folder.csv", "doc.txt"]},
        "roster_missing": {"args": ["scan", "--roster", "nope.csv", "doc.txt"]},
        "check_no_rows": {"args": ["roster", "check", "no_rows.csv"]},
        "check_bom_crlf": {"args": ["roster", "check", "bom_crlf.csv"]},
    }
    for spec in specs.values():
        spec["cwd"] = ws
    return run_many(specs)


def test_broken_rosters_exit_2_one_line_each(roster_runs):
    r = roster_runs["broken"]
    assert r.code == 2, str(r)
    assert r.out == ""  # nothing is scanned against a broken roster
    lines = assert_clean_stderr(r, problems=len(BROKEN_ROSTERS))
    for name, (_data, fragment, line) in BROKEN_ROSTERS.items():
        where = f"doxguard: {name}:" + (f"{line}: " if line else "")
        mine = [ln for ln in lines if ln.startswith(where)]
        assert len(mine) == 1, f"{name}: expected one line starting {where!r}\n{r}"
        assert fragment in mine[0] and len(mine[0]) < 300, mine[0]


@pytest.mark.parametrize("name", list(GOOD_ROSTERS))
def test_roster_encodings_and_layouts_that_must_work(roster_runs, name):
    r = roster_runs["good"]
    assert r.code == 1, str(r)
    assert_clean_stderr(r, problems=0)
    pid = GOOD_ROSTERS[name].decode("utf-16-le" if b"\x00" in GOOD_ROSTERS[name] else "utf-8", "ignore")
    pid = pid[pid.index("G-"):pid.index("G-") + 3]
    found = [f for f in r.json()["findings"] if f["kind"] == "phone" and f["person"] and f["person"]["id"] == pid]
    assert len(found) == 1 and found[0]["known_value"] and found[0]["severity"] == "critical", str(r)


@pytest.mark.parametrize("name,fragment", [("roster_is_a_folder", "directory"), ("roster_missing", "not found")])
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
    "unknown_key": ("colour = true\n", "colour"),
    "bad_fail_on": ('fail_on = "sometimes"\n', "fail_on"),
    "invalid_toml": ("fail_on = \n", "invalid TOML"),
}
USAGE = {
    "fail_on_bogus": (["scan", "--fail-on", "bogus", "doc.txt"], ["--fail-on", "bogus"]),
    "format_bogus": (["scan", "--format", "yaml", "doc.txt"], ["--format", "yaml"]),
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


def test_bad_option_value_is_one_line(config_runs):
    assert_clean_stderr(config_runs["fail_on_bogus"], problems=1)
