"""Plate detector: plate-shaped tokens next to a plate context word or under a plate column."""
import pytest

from scanner.detectors.plate import PlateDetector
from tests.detectors.helpers import ADVERSARIAL, ADVERSARIAL_IDS, assert_fast, found

DET = PlateDetector()

MATCH = [
    ("Missouri plate 883 FEZ", [("883 FEZ", "883FEZ")]),
    ("silver Honda, KS tag KA6 K3Z, parked", [("KA6 K3Z", "KA6K3Z")]),
    ("license plate ZP6-R2A", [("ZP6-R2A", "ZP6R2A")]),
    ("licence plate ZP6-R2A", [("ZP6-R2A", "ZP6R2A")]),
    ("registration: ABC1234", [("ABC1234", "ABC1234")]),
    ("LP: 279LCP", [("279LCP", "279LCP")]),
    ("lic# 243 XSD", [("243 XSD", "243XSD")]),
    ("car with 883 FEZ plates", [("883 FEZ", "883FEZ")]),  # plate word after the plate
    ("PLATE NO 7ABC123", [("7ABC123", "7ABC123")]),  # label word skipped
    ("LICENSE PLATE NUMBER 883 FEZ", [("883 FEZ", "883FEZ")]),
    ("plate MO 883 FEZ", [("883 FEZ", "883FEZ")]),  # state code skipped
    ("Plate:\n883 FEZ", [("883 FEZ", "883FEZ")]),  # form label, value on the next line
    ("permit   plate      make/model\nW4-0113  PXT 7R2    Toyota Corolla\nW4-0114  KC7H2M     Dodge Durango",
     [("PXT 7R2", "PXT7R2"), ("KC7H2M", "KC7H2M")]),  # a plate column
    ("id;plate;owner\n1;ZTR 118;x\n2;LMC-5320;y", [("ZTR 118", "ZTR118"), ("LMC-5320", "LMC5320")]),
]

NO_MATCH = [
    ("883 FEZ", "no plate context"),
    ("ABC1234 was the order", "no plate context"),
    ("plate 12345", "no letter"),
    ("plate ABCDEF", "no digit"),
    ("plate ABCD12345", "longer than 8"),
    ("plate abc1234", "lower case"),
    ("tag 2019 KIA", "model year + make"),
    ("driver's license K1234567", "a driver's licence number"),
    ("name tag on the desk", "no plate-shaped token"),
    ("platelet 883 FEZ", "context word must be whole"),
    ("asset_tag A-00417", "context word glued to another word"),
    ("governed by the BSD 3-clause license", "part of a hyphenated word"),
    ("see /basedefs/V1_chap04.html#tag_04_13", "part of a URL"),
    ("PRODUCT REGISTRATION - Model KX-4417 drill", "a model number"),
    ("registration: Serial X12345", "a serial number"),
    ("plate is in the shop. Later: ABC1234 someone", "too far after the context word"),
    ("she parks a red Jeep out front, tag\nalso she is diabetic, on A1", "next line is prose, not a form value"),
]


@pytest.mark.parametrize("text,expected", MATCH)
def test_match(text, expected):
    assert found(DET, text) == expected


@pytest.mark.parametrize("text,why", NO_MATCH)
def test_no_match(text, why):
    assert found(DET, text) == [], why


@pytest.mark.parametrize("raw,normalized", [("883 FEZ", "883FEZ"), ("zp6-r2a", "ZP6R2A"), ("", None)])
def test_normalize_value(raw, normalized):
    assert PlateDetector.normalize_value(raw) == normalized


@pytest.mark.parametrize("name", ADVERSARIAL_IDS)
def test_linear_time(name):
    assert_fast(DET, ADVERSARIAL[name])
