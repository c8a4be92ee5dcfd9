"""HTML: visible text with the standard library's html.parser only.

Kept: body text (entities decoded, whitespace collapsed except in <pre>/<textarea>),
``<title>``, the ``alt``/``title``/``aria-label``/``placeholder`` attributes, ``value`` of
form inputs, the address of ``mailto:``/``tel:`` links when the link text does not show it,
and comments (they ship with the page). Skipped: ``<script>``, ``<style>``, ``<template>``
and the rest of ``<head>``.

Block elements become line breaks (``<p>``, headings and other sections a blank line),
table cells of a row are joined with `` | `` so a row reads like a record line.
Locations: ``{"element": "p"}`` (innermost block element), ``{"element": "img",
"attribute": "alt"}``, ``{"element": "#comment"}``, or ``{}`` outside any block.
"""
from __future__ import annotations

import re
import urllib.parse
from html.parser import HTMLParser

from scanner.extract._base import Extracted, ExtractError, Segment, TextBuilder, decode_text, one_line

_PARA = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl",
    "section", "article", "header", "footer", "nav", "aside", "main", "form", "fieldset",
    "figure", "address", "hr", "title", "textarea",
}
_LINE = {
    "div", "li", "tr", "dt", "dd", "br", "caption", "figcaption", "legend", "option", "summary",
    "details", "body", "html", "center", "thead", "tbody", "tfoot", "noscript", "select", "iframe",
}
_CELL = {"td", "th"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}
_SKIP = {"script", "style", "template"}
_HEAD_ONLY = {"title", "meta", "link", "script", "style", "base", "noscript", "template", "head"}
_AUTOCLOSE = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"},
              "td": {"td", "th"}, "th": {"td", "th"}, "tr": {"tr", "td", "th"}, "option": {"option"}}
_TEXT_ATTRS = ("alt", "title", "aria-label", "placeholder")
_NO_VALUE = {"password", "submit", "button", "reset", "image", "checkbox", "radio"}
_RANK = {"": 0, " ": 1, " | ": 2, "\n": 3, "\n\n": 4}
_WS = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def extract_html(data: bytes) -> Extracted:
    m = _META_CHARSET.search(data[:4096])
    text, warnings = decode_text(data, declared=m.group(1).decode("ascii") if m else None)
    res = html_to_extracted(text)
    res.warnings[:0] = warnings
    return res


def html_to_extracted(markup: str) -> Extracted:
    parser = _Parser()
    try:
        parser.feed(markup)
        parser.close()
    except Exception as e:  # html.parser is lenient; be safe anyway
        raise ExtractError(f"cannot parse HTML: {one_line(e)}") from None
    return parser.out.result("html")


class _Out:
    """Whitespace-collapsing writer over a TextBuilder."""

    def __init__(self) -> None:
        self.b = TextBuilder()
        self.pending = ""
        self.space = False
        self.loc: dict | None = None

    br = False  # the pending "\n" came from a <br> (a second <br> makes a blank line)

    def brk(self, sep: str) -> None:
        if sep == "\n" and self.pending == "\n" and self.br:
            sep = "\n\n"
        if _RANK[sep] > _RANK[self.pending]:
            self.pending = sep

    def text(self, s: str, loc: dict, pre: bool = False) -> None:
        if not s:
            return
        trail = False
        if not pre:
            lead, trail = s[0].isspace(), s[-1].isspace()
            s = _WS.sub(" ", s).strip()
            if lead:
                self.space = True
            if not s:
                return
        if len(self.b):
            if self.pending:
                self.b.write(self.pending)
            elif self.space:
                self.b.write(" ")
        self.pending = ""
        if loc != self.loc:
            self.b.segments.append(Segment(len(self.b), dict(loc)))
            self.loc = dict(loc)
        self.b.write(s)
        self.space = trail
        self.br = False

    def result(self, fmt: str) -> Extracted:
        return self.b.result(fmt)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = _Out()
        self.stack: list[str] = []  # open non-void elements
        self.skip = 0  # inside script/style/template
        self.in_head = False
        self.pre = 0
        self.cells: list[int] = []  # cells seen in each open row
        self.anchors: list[tuple[str, int]] = []  # (address, text length at <a>)

    # -- helpers
    def _loc(self) -> dict:
        for tag in reversed(self.stack):
            if (tag in _PARA or tag in _LINE or tag in _CELL) and tag not in ("html", "body"):
                return {"element": tag}
        return {}

    def _hidden(self) -> bool:
        return bool(self.skip) or (self.in_head and "title" not in self.stack)

    def _block(self, tag: str) -> None:
        if tag in _PARA:
            self.out.brk("\n\n")
        elif tag in _LINE:
            self.out.brk("\n")

    # -- events
    def handle_starttag(self, tag: str, attrs) -> None:
        if self.in_head and tag not in _HEAD_ONLY:
            self.in_head = False  # content outside a never-closed <head>
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        closes = _AUTOCLOSE.get(tag)
        if closes and self.stack and self.stack[-1] in closes:
            self.handle_endtag(self.stack[-1])
        if tag == "br":
            self.out.brk("\n")
            self.out.br = True
        elif tag in _CELL:
            if self.cells:
                if self.cells[-1]:
                    self.out.brk(" | ")
                self.cells[-1] += 1
        else:
            self._block(tag)
        if tag not in _VOID:
            self.stack.append(tag)
            if tag in _SKIP:
                self.skip += 1
            elif tag in ("pre", "textarea"):
                self.pre += 1
            elif tag == "tr":
                self.cells.append(0)
        if self._hidden():
            return
        a = {k: (v or "") for k, v in attrs}
        for name in _TEXT_ATTRS:
            if a.get(name, "").strip():
                self._attr(tag, name, a[name])
        if tag == "input" and a.get("value", "").strip() and a.get("type", "").lower() not in _NO_VALUE:
            self._attr(tag, "value", a["value"])
        if tag == "a":
            href = a.get("href", "").strip()
            scheme, _, rest = href.partition(":")
            address = ""
            if scheme.lower() in ("mailto", "tel", "sms", "callto") and rest:
                address = urllib.parse.unquote(rest.split("?", 1)[0]).strip()
            self.anchors.append((address, len(self.out.b)))

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def _attr(self, tag: str, name: str, value: str) -> None:
        self.out.text(" " + value + " ", {"element": tag, "attribute": name})

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        if tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            if top in _SKIP:
                self.skip -= 1
            elif top in ("pre", "textarea"):
                self.pre -= 1
            elif top == "tr" and self.cells:
                self.cells.pop()
            elif top == "a" and self.anchors:
                self._close_anchor()
            self._block(top)
            if top == tag:
                break

    def _close_anchor(self) -> None:
        address, start = self.anchors.pop()
        if not address or self._hidden():
            return
        shown = self.out.b.text()[start:]
        if address.lower() not in shown.lower():
            self._attr("a", "href", address)

    def handle_data(self, data: str) -> None:
        if self._hidden():
            return
        self.out.text(data, self._loc(), pre=bool(self.pre))

    def handle_comment(self, data: str) -> None:
        if self.skip or data.lstrip().startswith("[if") or "<" in data:
            return
        if data.strip():
            self.out.brk("\n\n")
            self.out.text(data, {"element": "#comment"})
            self.out.brk("\n\n")

    def close(self) -> None:
        super().close()
        while self.anchors:
            self._close_anchor()
