from __future__ import annotations

import pytest

from scanner.extract import extract
from scanner.extract.html_doc import html_to_extracted

PAGE = """<!DOCTYPE html>
<html>
<head>
  <title>Press release &amp; roster</title>
  <meta name="author" content="Jane Doe">
  <style>p { color: red } /* 99 Hidden Style Rd */</style>
  <script>var home = "77 Script St";</script>
</head>
<body>
  <h1>Staff</h1>
  <p>Officer <b>Jane</b>
     Doe lives at<br>12&nbsp;Elm St &mdash; call &#56;16-555-0101</p>
  <img src="house.jpg" alt="Doe family home, 12 Elm St">
  <table>
    <tr><th>Name</th><th>Phone</th></tr>
    <tr><td>Jane Doe</td><td>816-555-0101</td></tr>
  </table>
  <ul><li>one<li>two</ul>
  <p>Write to <a href="mailto:jane%40home.example">Jane</a> or <a href="mailto:x@city.example">x@city.example</a></p>
  <!-- draft: her kids attend Lincoln Elementary -->
  <script>track("5 Pixel Ave")</script>
</body>
</html>
"""


@pytest.fixture(scope="module")
def page():
    return extract("release.html", PAGE.encode("utf-8"))


def test_exact_visible_text(page):
    assert page.format == "html"
    assert page.text == (
        "Press release & roster\n\n"
        "Staff\n\n"
        "Officer Jane Doe lives at\n12 Elm St \u2014 call 816-555-0101\n\n"
        "Doe family home, 12 Elm St\n\n"
        "Name | Phone\n"
        "Jane Doe | 816-555-0101\n\n"
        "one\ntwo\n\n"
        "Write to Jane jane@home.example or x@city.example\n\n"
        "draft: her kids attend Lincoln Elementary"
    )


def test_script_style_and_head_metadata_are_skipped(page):
    for hidden in ("77 Script St", "99 Hidden Style Rd", "5 Pixel Ave", "color: red"):
        assert hidden not in page.text
    assert page.text.count("Jane Doe") == 2  # not the <meta name=author>


def test_locations(page):
    at = page.location_at
    assert at(page.text.index("Press release")) == {"element": "title"}
    assert at(page.text.index("Staff")) == {"element": "h1"}
    assert at(page.text.index("12 Elm St \u2014")) == {"element": "p"}
    assert at(page.text.index("Doe family home")) == {"element": "img", "attribute": "alt"}
    assert at(page.text.index("Jane Doe |")) == {"element": "td"}
    assert at(page.text.index("Phone")) == {"element": "th"}
    assert at(page.text.index("two")) == {"element": "li"}
    assert at(page.text.index("jane@home.example")) == {"element": "a", "attribute": "href"}
    assert at(page.text.index("Lincoln")) == {"element": "#comment"}


def test_text_outside_blocks_has_empty_location():
    res = html_to_extracted("<html><body>loose text<p>para</p>tail</body></html>")
    assert res.text == "loose text\n\npara\n\ntail"
    assert res.location_at(0) == {}
    assert res.location_at(res.text.index("para")) == {"element": "p"}
    assert res.location_at(res.text.index("tail")) == {}


def test_pre_keeps_whitespace_and_title_attribute_is_kept():
    res = html_to_extracted('<p title="home of Det. Roe">x</p><pre>a  b\n  c</pre>')
    assert res.text == "home of Det. Roe x\n\na  b\n  c"


def test_unclosed_head_does_not_hide_the_body():
    res = html_to_extracted("<html><head><title>T</title><p>Jane Doe, 12 Elm St")
    assert res.text == "T\n\nJane Doe, 12 Elm St"


def test_detected_by_content_and_legacy_charset():
    data = '<!doctype html><meta charset="windows-1252"><p>Ren\u00e9e M\u00fcller</p>'.encode("cp1252")
    res = extract("page.txt", data)
    assert res is not None and res.format == "html"
    assert res.text == "Ren\u00e9e M\u00fcller"


def test_bom_and_xml_prolog_before_html():
    res = extract("x", b"\xef\xbb\xbf<?xml version='1.0'?>\n<html><body><p>hi</p></body></html>")
    assert res is not None and res.text == "hi"
