"""E-mail detector: @-anchored expansion, obfuscated forms, lower-case normalisation."""
import pytest

from scanner.detectors.email import EmailDetector
from tests.detectors.helpers import ADVERSARIAL, ADVERSARIAL_IDS, assert_fast, found

DET = EmailDetector()

MATCH = [
    ("mail jolsen@icloud.com today", [("jolsen@icloud.com", "jolsen@icloud.com")]),
    ("Barr.Tammy62@Hotmail.com", [("Barr.Tammy62@Hotmail.com", "barr.tammy62@hotmail.com")]),
    ("<a.b+tag@mail.example.org>", [("a.b+tag@mail.example.org", "a.b+tag@mail.example.org")]),
    ("email: lisa_roberts72@outlook.com.", [("lisa_roberts72@outlook.com", "lisa_roberts72@outlook.com")]),
    ("(x-y%z@sub.domain.co.uk)", [("x-y%z@sub.domain.co.uk", "x-y%z@sub.domain.co.uk")]),
    ("https://x.com/p?u=foo@bar.com", [("foo@bar.com", "foo@bar.com")]),
    ("mailto:Jo@X.org,next@y.io", [("Jo@X.org", "jo@x.org"), ("next@y.io", "next@y.io")]),
    ("email jnunez.kc [at] gmail [dot] com now", [("jnunez.kc [at] gmail [dot] com", "jnunez.kc@gmail.com")]),
    ("J.Doe(AT)kcmo(DOT)org", [("J.Doe(AT)kcmo(DOT)org", "j.doe@kcmo.org")]),
    ("write jo (at) example.org", [("jo (at) example.org", "jo@example.org")]),
    ("mail jo99 at gmail dot com", [("jo99 at gmail dot com", "jo99@gmail.com")]),
    ("...john@example.com.", [("john@example.com", "john@example.com")]),  # prose dots trimmed
]

NO_MATCH = [
    ("user@localhost", "domain without a dot"),
    ("follow @kcpolice on X", "social handle: empty local part"),
    ("a@b", "no domain dot"),
    ("a@b.c", "one-letter TLD"),
    ("x@domain.123", "numeric TLD"),
    ("image@2x.png", "file name (retina asset)"),
    ("report@final.pdf", "file name: extension TLD"),
    ("john..doe@example.com", "double dot in local part"),
    ("name@-example.com", "label starts with a dash"),
    ("a@b.com@c.com", "two @ in one token"),
    ("x" * 70 + "@example.com", "local part longer than 64"),
    ("@@@@", "@ run"),
    ("meet me at noon dot com", "unbracketed `at`: a stop word as local part"),
    ("I am at work dot xyz", "unbracketed `at`: uncommon TLD"),
    ("we met at the park. Dot com era", "no address"),
    ("[at] home", "bracketed at with no address"),
]


@pytest.mark.parametrize("text,expected", MATCH)
def test_match(text, expected):
    assert found(DET, text) == expected


@pytest.mark.parametrize("text,why", NO_MATCH)
def test_no_match(text, why):
    assert found(DET, text) == [], why


def test_obfuscated_is_noted():
    (span,) = DET.find("jo [at] x [dot] org")
    assert span.note == "obfuscated"


@pytest.mark.parametrize("raw,normalized", [
    ("Barr.Tammy62@Hotmail.com", "barr.tammy62@hotmail.com"),
    (" <jolsen@icloud.com> ", "jolsen@icloud.com"),
    ("mailto:a@b.org", "a@b.org"),
    ("nope", None),
    ("user@localhost", None),
])
def test_normalize_value(raw, normalized):
    assert EmailDetector.normalize_value(raw) == normalized


@pytest.mark.parametrize("name", ADVERSARIAL_IDS)
def test_linear_time(name):
    assert_fast(DET, ADVERSARIAL[name])
