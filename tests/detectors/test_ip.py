"""IP detector: IPv4/IPv6 validated by ipaddress; version strings, times and MACs excluded."""
import pytest

from scanner.detectors.ip import IpDetector
from scanner.model import Severity
from tests.detectors.helpers import ADVERSARIAL, ADVERSARIAL_IDS, assert_fast, found

DET = IpDetector()

MATCH = [
    ("from 203.0.113.45 at noon", [("203.0.113.45", "203.0.113.45")]),
    ("IP: 192.168.1.20", [("192.168.1.20", "192.168.1.20")]),
    ("1.1.1.1,8.8.8.8", [("1.1.1.1", "1.1.1.1"), ("8.8.8.8", "8.8.8.8")]),
    ("2001:db8::8a2e:370:7334", [("2001:db8::8a2e:370:7334", "2001:db8::8a2e:370:7334")]),
    ("addr 2001:DB8:0:0:0:0:0:1.", [("2001:DB8:0:0:0:0:0:1", "2001:db8::1")]),
    ("fe80::1ff:fe23:4567:890a", [("fe80::1ff:fe23:4567:890a", "fe80::1ff:fe23:4567:890a")]),
    ("[::1]:8080", [("::1", "::1")]),
    ("::ffff:192.0.2.1 x", [("::ffff:192.0.2.1", "::ffff:c000:201")]),  # one span, not an extra IPv4
]

NO_MATCH = [
    ("version 1.2.3.4", "version string"),
    ("v 10.0.19041.1", "version string"),
    ("build 4.2.0.1", "build number"),
    ("256.1.1.1", "octet over 255"),
    ("010.1.1.1", "leading zero"),
    ("1.2.3", "three parts"),
    ("1.2.3.4.5", "five parts (an OID)"),
    ("std::vector", "C++ scope"),
    ("Foo::Bar", "Ruby scope"),
    ("01:19:22", "time"),
    ("00:1a:2b:3c:4d:5e", "MAC address"),
    ("a::b", "no digit"),
    ("::", "no digit"),
]


@pytest.mark.parametrize("text,expected", MATCH)
def test_match(text, expected):
    assert found(DET, text) == expected


@pytest.mark.parametrize("text,why", NO_MATCH)
def test_no_match(text, why):
    assert found(DET, text) == [], why


def test_info_severity():
    assert IpDetector.default_severity == Severity.INFO


@pytest.mark.parametrize("raw,normalized", [("203.0.113.45", "203.0.113.45"), ("[2001:DB8::1]", "2001:db8::1"),
                                            ("nope", None)])
def test_normalize_value(raw, normalized):
    assert IpDetector.normalize_value(raw) == normalized


@pytest.mark.parametrize("name", ADVERSARIAL_IDS)
def test_linear_time(name):
    assert_fast(DET, ADVERSARIAL[name])
