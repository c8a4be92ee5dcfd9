from __future__ import annotations

import datetime as dt
import sys

import pytest

from scanner.extract import ExtractError, MissingDependency, extract
from tests.extract.builders import make_xlsx

pytest.importorskip("openpyxl")


def _workbook(wb) -> None:
    from openpyxl.comments import Comment

    ws = wb.active
    ws.title = "Staff"
    ws.append(["Name", "Address", "DOB", "Cell"])
    ws.append(["Jane Doe", "12 Elm St", dt.date(1985, 3, 4), 8165550101])
    ws["B7"] = "  "  # blank: no segment
    ws["C7"] = 3.0
    ws["A9"].comment = Comment("her kids: Lincoln Elementary", "Sgt. Smith")
    hidden = wb.create_sheet("Hidden")
    hidden.sheet_state = "hidden"
    hidden["C2"] = "SSN 123-45-6789"
    hidden["D2"] = True


@pytest.fixture(scope="module")
def book():
    return extract("staff.xlsx", make_xlsx(_workbook))


def test_exact_text(book):
    assert book.format == "xlsx"
    assert book.text == (
        "Staff\n"
        "Name | Address | DOB | Cell\n"
        "Jane Doe | 12 Elm St | 1985-03-04 | 8165550101\n"
        "3\n\n"
        "her kids: Lincoln Elementary\n\n"
        "Hidden\n"
        "SSN 123-45-6789 | TRUE"
    )


def test_every_cell_is_its_own_segment(book):
    at = book.location_at
    assert at(book.text.index("Jane Doe")) == {"sheet": "Staff", "cell": "A2"}
    assert at(book.text.index("12 Elm St")) == {"sheet": "Staff", "cell": "B2"}
    assert at(book.text.index("1985-03-04")) == {"sheet": "Staff", "cell": "C2"}
    assert at(book.text.index("8165550101")) == {"sheet": "Staff", "cell": "D2"}
    assert at(book.text.index("3\n")) == {"sheet": "Staff", "cell": "C7"}
    assert at(book.text.index("123-45-6789")) == {"sheet": "Hidden", "cell": "C2"}
    assert at(book.text.index("Staff")) == {"sheet": "Staff"}


def test_cell_comments(book):
    assert book.location_at(book.text.index("Lincoln")) == {
        "sheet": "Staff", "cell": "A9", "part": "comment", "author": "Sgt. Smith"}


def test_corrupt_xlsx_is_an_error():
    from tests.extract.builders import _rezip

    data = _rezip(make_xlsx(_workbook), {"xl/workbook.xml": lambda b: b"<not xml"})
    with pytest.raises(ExtractError, match="^cannot read XLSX"):
        extract("broken.xlsx", data)


def test_missing_openpyxl(monkeypatch):
    data = make_xlsx(_workbook)
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependency, match=r"^openpyxl is not installed"):
        extract("staff.xlsx", data)
