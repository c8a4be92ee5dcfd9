from __future__ import annotations

import pytest

from scanner.extract import extract
from scanner.extract.csv_doc import cell_segments

DATA = (
    'id,name,address,notes\r\n'
    'KCPD-1,Jane Doe,"12 Elm St\nApt 2","said ""call 816-555-0101"""\r\n'
    'KCPD-2,John Roe,,"9 Pine Rd"\r\n'
)


def test_text_is_the_decoded_file_unchanged():
    res = extract("staff.csv", DATA.encode("utf-8"))
    assert res.format == "csv"
    assert res.text == DATA
    assert res.warnings == []


def test_row_and_column_locations_with_multiline_quoted_cell():
    res = extract("staff.csv", DATA.encode("utf-8"))
    at = res.location_at
    assert at(DATA.index("notes")) == {"row": 1, "column": 4}
    assert at(DATA.index("Jane Doe")) == {"row": 2, "column": 2}
    assert at(DATA.index("12 Elm St")) == {"row": 2, "column": 3}
    assert at(DATA.index("Apt 2")) == {"row": 2, "column": 3}  # same cell after its line break
    assert at(DATA.index("816-555-0101")) == {"row": 2, "column": 4}
    assert at(DATA.index("John Roe")) == {"row": 3, "column": 2}
    assert at(DATA.index("9 Pine Rd")) == {"row": 3, "column": 4}  # column 3 is empty


def test_segments_agree_with_the_csv_module():
    import csv
    import io

    rows = list(csv.reader(io.StringIO(DATA, newline="")))
    segments, unterminated = cell_segments(DATA)
    assert unterminated == 0
    for seg in segments:
        r, c = seg.location["row"], seg.location["column"]
        value = rows[r - 1][c - 1]
        assert value
        assert DATA[seg.start:].lstrip('"').startswith(value.split('"')[0])


def test_semicolon_delimiter_is_sniffed():
    data = "name;phone\nJane Doe;816-555-0101\nJohn Roe;816-555-0102\n"
    res = extract("export.csv", data.encode())
    assert res.location_at(data.index("816-555-0102")) == {"row": 3, "column": 2}


def test_tsv_uses_tabs():
    data = "name\taddress, city\nJane Doe\t12 Elm St, KC\n"
    res = extract("export.tsv", data.encode())
    assert res.location_at(data.index("12 Elm")) == {"row": 2, "column": 2}
    assert res.location_at(data.index("KC\n")) == {"row": 2, "column": 2}


def test_bom_is_dropped_and_cp1252_is_recovered_with_a_warning():
    res = extract("a.csv", "\ufeffname\nRen\u00e9e\n".encode("utf-8"))
    assert res.text == "name\nRen\u00e9e\n"
    res = extract("b.csv", "name\nRen\u00e9e M\u00fcller\n".encode("cp1252"))
    assert res.text == "name\nRen\u00e9e M\u00fcller\n"
    assert any("cp1252" in w for w in res.warnings)


def test_unterminated_quote_is_a_warning_and_text_is_kept():
    data = 'a,b\n1,"open cell 12 Elm St\n2,3\n'
    res = extract("x.csv", data.encode())
    assert res.text == data
    assert res.location_at(data.index("12 Elm")) == {"row": 2, "column": 2}
    assert any("unterminated" in w for w in res.warnings)


@pytest.mark.parametrize("name", ["notes.txt", "data", "report.md"])
def test_csv_only_by_extension(name):
    assert extract(name, DATA.encode()) is None


def test_bare_cr_line_ends_and_compact_segments():
    data = "name,phone\rJane Doe,816-555-0101\rJohn Roe,816-555-0102"
    res = extract("mac.csv", data.encode())
    assert res.location_at(data.index("816-555-0102")) == {"row": 3, "column": 2}
    assert len(res.segments) == 6
    assert res.segments[2:4] == list(res.segments)[2:4]
    assert list(res.starts()) == [s.start for s in res.segments]
