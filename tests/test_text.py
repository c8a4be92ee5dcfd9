"""Folding keeps a map back to original offsets, whatever it removed or expanded."""
import pytest

from scanner.text import FoldedText, LineIndex, fold_string


@pytest.mark.parametrize("raw,folded", [
    ("Jane Q. Doe", "jane q doe"),
    ("DOE,\n   JANE", "doe jane"),
    ("José Ramírez", "jose ramirez"),
    ("Ja\u200bne\u2060 Doe", "jane doe"),
    ("D\u043e\u0435 Jane", "doe jane"),          # Cyrillic о, е
    ("\u0391nn Lee", "ann lee"),                   # Greek capital alpha
    ("Jose\u0301 Doe", "jose doe"),                # decomposed accent
    ("Straße", "strasse"),
    ("Ｊａｎｅ", "jane"),                            # full-width (NFKC)
    ("Hartley-Brooks", "hartley brooks"),
])
def test_fold_string(raw, folded):
    assert fold_string(raw) == folded


@pytest.mark.parametrize("text,needle,expected", [
    ("xx Jane Doe yy", "jane doe", "Jane Doe"),
    ("x\u200b José  Ra\u200dmírez!", "jose ramirez", "José  Ra\u200dmírez"),
    ("a,\n\n  DOE ,  JANE", "doe jane", "DOE ,  JANE"),
    ("Stra\u00dfe Jane", "jane", "Jane"),
    ("e\u0301e\u0301 Jose\u0301 x", "jose", "Jose\u0301"),
    ("\u0434\u043e\u0435 \u043e D\u043e\u0435", "doe", "D\u043e\u0435"),
])
def test_offsets_map_back(text, needle, expected):
    ft = FoldedText(text)
    i = ft.folded.index(needle)
    s, e = ft.span_to_original(i, i + len(needle))
    assert text[s:e] == expected


def test_ascii_fast_path_is_identity_where_length_kept():
    ft = FoldedText("Officer Jane Doe said")
    assert ft.folded == "officer jane doe said"
    assert ft.to_original(8) == 8


def test_line_index():
    li = LineIndex("ab\ncd\r\n\nxyz")
    assert li.line_col(0) == (1, 1)
    assert li.line_col(4) == (2, 2)
    assert li.line_col(8) == (4, 1)
    assert li.line_bounds(2) == (3, 5)
