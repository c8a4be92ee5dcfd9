from __future__ import annotations

import sys

import pytest

from scanner.extract import ExtractError, MissingDependency, extract
from tests.extract.builders import add_docx_footnote, edit_docx_body, make_docx

docx = pytest.importorskip("docx")


def _report(document) -> None:
    section = document.sections[0]
    section.header.paragraphs[0].text = "KCPD CONFIDENTIAL"
    section.footer.paragraphs[0].text = "Records unit 816-555-0199"
    document.add_paragraph("Incident report 2023-114")
    p = document.add_paragraph("Officer Jane Doe lives at 12 Elm St")
    if hasattr(document, "add_comment"):
        document.add_comment(p.runs, text="her cell is 816-555-0101", author="Sgt. Smith", initials="SS")
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=3)
    for (r, c), value in {(0, 0): "Name", (0, 1): "Home", (1, 0): "Jane Doe", (1, 1): "4 Oak Ave", (1, 2): "son"}.items():
        table.cell(r, c).text = value
    document.add_paragraph("End of report")


@pytest.fixture(scope="module")
def report():
    return extract("report.docx", make_docx(_report))


def test_exact_text(report):
    body = (
        "Incident report 2023-114\n\n"
        "Officer Jane Doe lives at 12 Elm St\n\n"
        "Name | Home\n"
        "Jane Doe | 4 Oak Ave | son\n\n"
        "End of report\n\n"
        "KCPD CONFIDENTIAL\n\n"
        "Records unit 816-555-0199"
    )
    if hasattr(docx.Document(), "add_comment"):
        body += "\n\nher cell is 816-555-0101"
    assert report.text == body
    assert report.format == "docx"
    assert report.warnings == []


def test_paragraph_locations_count_every_body_paragraph(report):
    assert report.location_at(report.text.index("12 Elm St")) == {"paragraph": 2}
    # the empty third paragraph is counted, so the text after the table is paragraph 4
    assert report.location_at(report.text.index("End of report")) == {"paragraph": 4}


def test_table_cell_locations(report):
    assert report.location_at(report.text.index("4 Oak Ave")) == {"table": 1, "row": 2, "cell": 2}
    assert report.location_at(report.text.index("son")) == {"table": 1, "row": 2, "cell": 3}
    assert report.location_at(report.text.index("Home")) == {"table": 1, "row": 1, "cell": 2}


def test_header_and_footer_locations(report):
    assert report.location_at(report.text.index("CONFIDENTIAL")) == {"part": "header", "section": 1}
    assert report.location_at(report.text.index("816-555-0199")) == {"part": "footer", "section": 1}


def test_comment_location(report):
    if not hasattr(docx.Document(), "add_comment"):
        pytest.skip("python-docx < 1.2 cannot add comments")
    assert report.location_at(report.text.index("816-555-0101")) == {"part": "comment", "author": "Sgt. Smith"}


def test_first_page_header_of_a_second_section():
    from docx.enum.section import WD_SECTION

    def build(document):
        document.add_paragraph("one")
        section = document.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False  # its own part, not section 1's
        section.first_page_header.paragraphs[0].text = "Det. Roe, 9 Pine Rd"
        document.add_paragraph("two")

    res = extract("x.docx", make_docx(build))
    assert res.location_at(res.text.index("9 Pine Rd")) == {"part": "header", "section": 2, "type": "first"}


def test_tracked_deletions_hyperlinks_and_text_boxes_are_read():
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    xml = (
        f'<w:p {w}><w:r><w:t xml:space="preserve">Moved from </w:t></w:r>'
        '<w:del w:id="1" w:author="x"><w:r><w:delText>7 Birch Ln</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="x"><w:r><w:t>the station</w:t></w:r></w:ins></w:p>'
        f'<w:p {w}><w:hyperlink><w:r><w:t>jane@home.example</w:t></w:r></w:hyperlink></w:p>'
        f'<w:p {w}><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
        '<w:txbxContent><w:p><w:r><w:t>Box: 816-555-0123</w:t></w:r></w:p></w:txbxContent>'
        '</v:textbox></v:shape></w:pict></w:r></w:p>'
    )
    data = edit_docx_body(make_docx(lambda d: d.add_paragraph("Start")), xml)
    res = extract("x.docx", data)
    assert res.text == "Start\n\nMoved from 7 Birch Ln the station\n\njane@home.example\n\nBox: 816-555-0123"
    assert res.location_at(res.text.index("7 Birch")) == {"paragraph": 2}
    assert res.location_at(res.text.index("jane@")) == {"paragraph": 3}
    assert res.location_at(res.text.index("Box:")) == {"part": "textbox"}
    assert any("deleted text" in w for w in res.warnings)


def test_footnotes():
    data = add_docx_footnote(make_docx(lambda d: d.add_paragraph("Body")), "Source: Doe, 12 Elm St")
    res = extract("x.docx", data)
    assert res.text == "Body\n\nSource: Doe, 12 Elm St"
    assert res.location_at(res.text.index("12 Elm")) == {"part": "footnote", "id": 1}


def test_docx_found_by_content_not_extension():
    res = extract("attachment.bin", make_docx(lambda d: d.add_paragraph("hello")))
    assert res is not None and res.format == "docx" and res.text == "hello"


def test_docx_with_broken_document_xml_is_an_error():
    from tests.extract.builders import _rezip

    data = _rezip(make_docx(lambda d: d.add_paragraph("x")), {"word/document.xml": lambda b: b[: len(b) // 2]})
    with pytest.raises(ExtractError, match="^cannot read DOCX"):
        extract("broken.docx", data)


def test_truncated_docx_is_an_error():
    data = make_docx(lambda d: d.add_paragraph("x"))
    with pytest.raises(ExtractError, match="corrupt zip"):
        extract("broken.docx", data[: len(data) // 2])


def test_docx_name_without_zip_content_is_an_error():
    with pytest.raises(ExtractError, match="not a valid DOCX"):
        extract("memo.docx", b"just text")


def test_missing_python_docx(monkeypatch):
    data = make_docx(lambda d: d.add_paragraph("x"))
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingDependency, match=r"^python-docx is not installed: pip install 'doxguard\[documents\]'$"):
        extract("x.docx", data)
