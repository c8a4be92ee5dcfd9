from __future__ import annotations

import sys

import pytest

from scanner.extract import Extracted, ExtractError, MissingDependency, extract
from tests.extract.builders import (
    add_pdf_form_field,
    encrypt_pdf,
    make_pdf,
    make_scanned_pdf,
)

pytest.importorskip("fpdf")
pytest.importorskip("pypdf")

TWO_PAGES = ["Incident report 2023-114", "Officer Jane Doe lives at 12 Elm St"]


def test_text_of_every_page_with_page_locations():
    res = extract("release.pdf", make_pdf(TWO_PAGES))
    assert isinstance(res, Extracted)
    assert res.format == "pdf"
    assert res.text == "Incident report 2023-114\n\nOfficer Jane Doe lives at 12 Elm St"
    assert [s.location for s in res.segments] == [{"page": 1}, {"page": 2}]
    assert res.location_at(res.text.index("12 Elm St")) == {"page": 2}
    assert res.location_at(res.text.index("2023-114")) == {"page": 1}
    assert res.warnings == []


def test_detected_by_content_whatever_the_name():
    res = extract("upload.bin", make_pdf(TWO_PAGES))
    assert res is not None and res.format == "pdf"


def test_image_only_page_is_an_error_by_default():
    data = make_pdf(["page one text", None, "page three text"])
    with pytest.raises(ExtractError, match=r"^no text layer on page 2\b"):
        extract("scan.pdf", data)


def test_several_image_pages_are_listed():
    with pytest.raises(ExtractError, match=r"no text layer on pages 1, 2\b"):
        extract("scan.pdf", make_pdf([None, None, "text"]))


def test_image_only_page_allowed_gives_a_warning():
    res = extract("scan.pdf", make_pdf(["page one text", None, "page three text"]), allow_image_pdfs=True)
    assert res.text == "page one text\n\npage three text"
    assert res.location_at(res.text.index("three")) == {"page": 3}
    assert any("no text layer on page 2" in w for w in res.warnings)


def test_blank_page_is_not_a_scan():
    res = extract("doc.pdf", make_pdf(["first", "", "last"], blank={2}))
    assert res.text == "first\n\nlast"
    assert res.location_at(res.text.index("last")) == {"page": 3}


def test_full_page_image_with_a_bates_stamp_is_a_scan():
    pytest.importorskip("PIL")
    data = make_scanned_pdf(stamp="CITY-000123")
    with pytest.raises(ExtractError, match="no text layer on page 1"):
        extract("scan.pdf", data)
    res = extract("scan.pdf", data, allow_image_pdfs=True)
    assert "CITY-000123" in res.text  # what text there is still gets scanned
    assert res.warnings


def test_truncated_pdf_is_an_error():
    data = make_pdf(TWO_PAGES)
    with pytest.raises(ExtractError, match="^cannot read PDF"):
        extract("broken.pdf", data[: len(data) // 2])


def test_pdf_extension_without_pdf_content_is_an_error():
    with pytest.raises(ExtractError, match="not a PDF"):
        extract("release.pdf", b"hello, I am text")


def test_password_protected_pdf_is_an_error():
    data = encrypt_pdf(make_pdf(TWO_PAGES), user="secret")
    with pytest.raises(ExtractError, match="password-protected"):
        extract("locked.pdf", data)


def test_owner_password_only_is_read_with_a_warning():
    data = encrypt_pdf(make_pdf(TWO_PAGES), user="")
    res = extract("restricted.pdf", data)
    assert "12 Elm St" in res.text
    assert any("encrypted" in w for w in res.warnings)


def test_missing_pypdf_raises_missing_dependency(monkeypatch):
    data = make_pdf(TWO_PAGES)
    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(MissingDependency) as info:
        extract("release.pdf", data)
    assert str(info.value) == "pypdf is not installed: pip install 'doxguard[documents]'"
    assert isinstance(info.value, ExtractError)


def test_pypdf_repair_messages_become_warnings_not_stderr(capfd):
    data = make_pdf(TWO_PAGES)
    res = extract("cut.pdf", data[:-3])  # %%EOF marker cut: pypdf recovers and logs
    assert "12 Elm St" in res.text
    assert any(w.startswith("pdf: ") for w in res.warnings)
    assert capfd.readouterr().err == ""


def test_filled_form_field_values_are_extracted():
    data = add_pdf_form_field(make_pdf(TWO_PAGES), "HomePhone", "816-555-0101")
    res = extract("form.pdf", data)
    assert res.text.endswith("\n\nHomePhone: 816-555-0101")
    assert res.location_at(res.text.index("816-555")) == {"part": "form", "field": "HomePhone"}


def test_text_annotations_are_extracted():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.cell(text="Body text")
    pdf.text_annotation(x=20, y=20, text="Note: Doe's cell 816-555-0101")
    res = extract("annotated.pdf", bytes(pdf.output()))
    assert res.text == "Body text\n\nNote: Doe's cell 816-555-0101"
    assert res.location_at(res.text.index("816")) == {"page": 1, "part": "annotation"}
