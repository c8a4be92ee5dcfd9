"""Shared detector helpers: offset-safe lower-casing, data files, table columns."""
import pytest

from scanner.detectors import registry
from scanner.detectors._common import (column_cells, data_table, fold_accents, keyword_hits, lower_same_length,
                                       positions)


def test_lower_same_length_keeps_offsets():
    text = "\u0130stanbul CANCER Parkinson\u2019s \u4e2d"  # 'İ'.lower() is two code points
    low = lower_same_length(text)
    assert len(low) == len(text)
    assert low == "?stanbul cancer parkinson's ?"
    assert lower_same_length(text) is low  # cached for the same text object


def test_keyword_hits_one_pass_for_all_detectors():
    registry()  # every detector registers its words
    text = "Plate 883 FEZ; she lives at 12 Elm St; DOB 1/2/1980; on dialysis"
    hits = keyword_hits(text)
    assert hits["plate"] == [0] and hits["lives at"] == [text.index("lives at")] and hits["dialysis"] == [text.index("dialysis")]
    assert keyword_hits(text) is hits  # cached for the same text object
    assert positions(text, ("dob", "plate")) == [(0, "plate"), (text.index("DOB"), "dob")]


def test_data_table_maps_variants_to_canonical():
    suffixes = data_table("street_suffixes.txt")
    assert suffixes["st"] == suffixes["street"] == "street"
    assert suffixes["ter"] == "terrace" and suffixes["blvd"] == "boulevard"


def test_fold_accents():
    assert fold_accents("Nuñez Ibáñez") == "Nunez Ibanez"


@pytest.mark.parametrize("text,cue,cells", [
    ("a | dob | c\n1 | X1 | 2\n3 | Y2 | 4\n\nlater | Z3 | x", "dob", ["X1", "Y2"]),  # stops at a blank line
    ("id;dob\n1;X1\n2;Y2", "dob", ["X1", "Y2"]),
    ("id,dob\n1,X1\n2,\"Y, 2\"", "dob", ["X1", "Y, 2"]),  # quoted cell
    ("id\tdob\n1\tX1", "dob", ["X1"]),
    ("permit   plate      model\nW4-1     PXT 7R2    Toyota", "plate", ["PXT 7R2"]),  # aligned columns
    ("she said, plate stuff\nand then, more prose here", "plate", []),  # prose with commas: not a table
    ("x" * 500 + " dob | a\n1 | 2", "dob", []),  # a header line is short
])
def test_column_cells(text, cue, cells):
    got = column_cells(text, text.index(cue))
    assert [text[s:e] for s, e in got] == cells
