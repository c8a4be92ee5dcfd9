import json

import pytest

from scanner.roster import RosterError, load_roster, load_rosters, parse_roster

HEADER = "id,name,aliases,role,family_of,address,phone\n"


def test_parses_values_and_aliases(roster):
    by = roster.by_id()
    assert by["KCPD-1042"].aliases == ["Janie Doe"]
    assert by["KCPD-1042"].values["phone"] == ["(816) 739-2281"]
    assert by["FAM-1042-1"].family_of == "KCPD-1042" and by["FAM-1042-1"].is_family
    c = roster.counts()
    assert c["persons"] == 7 and c["family_members"] == 2 and c["aliases"] == 3


def test_bom_and_crlf(tmp_path):
    p = tmp_path / "r.csv"
    p.write_bytes(("\ufeff" + HEADER + "A-1,Jane Doe,,,,,816-739-2281\n").replace("\n", "\r\n").encode())
    r = load_roster(p)
    assert r.persons[0].id == "A-1" and r.persons[0].values["phone"] == ["816-739-2281"]


def test_json_roster(tmp_path):
    p = tmp_path / "r.json"
    p.write_text(json.dumps([{"id": "A", "name": "Jane Doe", "phone": ["816-739-2281", "816-739-2290"]},
                             {"id": "B", "name": "Tom Doe", "family_of": "A"}]))
    r = load_roster(p)
    assert r.persons[0].values["phone"] == ["816-739-2281", "816-739-2290"]
    assert r.persons[1].family_of == "A"


@pytest.mark.parametrize("body,line,message", [
    ("name\nJane\n", 1, "missing required column(s): id"),
    ("id\nA\n", 1, "missing required column(s): name"),
    (HEADER + "A,Jane Doe\nA,John Roe\n", 3, "duplicate id 'A' (first on line 2)"),
    (HEADER + "A,Jane Doe,,,ZZZ\n", 2, "family_of 'ZZZ' of 'A' matches no id"),
    (HEADER + "A,   \n", 2, "empty name for id 'A'"),
    (HEADER + ",Jane Doe\n", 2, "empty id"),
    (HEADER + "A," + "x" * 10000 + "\n", 2, "longer than"),
])
def test_errors_have_line_numbers(body, line, message):
    with pytest.raises(RosterError) as ei:
        parse_roster(body, "r.csv")
    errs = ei.value.errors
    assert any(e.line == line and message in e.message for e in errs), [str(e) for e in errs]
    assert str(errs[0]).startswith("r.csv:")


def test_unreadable_and_binary(tmp_path):
    with pytest.raises(RosterError, match="not found"):
        load_roster(tmp_path / "nope.csv")
    b = tmp_path / "b.csv"
    b.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(RosterError, match="binary"):
        load_roster(b)


def test_merge_rejects_duplicate_ids_across_files(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(HEADER + "A,Jane Doe\n")
    b.write_text(HEADER + "A,John Roe\n")
    with pytest.raises(RosterError, match="duplicate id 'A'"):
        load_rosters([a, b])
