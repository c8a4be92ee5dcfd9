"""Phone detector: NANP shapes validated by phonenumbers' metadata, E.164 normalisation."""
import phonenumbers
import pytest

from scanner.detectors.base import DetectorOptions
from scanner.detectors.phone import PhoneDetector, _nanp_valid
from tests.detectors.helpers import ADVERSARIAL, ADVERSARIAL_IDS, assert_fast, found

DET = PhoneDetector()

MATCH = [
    ("(816) 555-0142", [("(816) 555-0142", "+18165550142")]),
    ("call 816.555.0142 now", [("816.555.0142", "+18165550142")]),
    ("816 555 0142", [("816 555 0142", "+18165550142")]),
    ("816-555-0142", [("816-555-0142", "+18165550142")]),
    ("(816)555-0142", [("(816)555-0142", "+18165550142")]),
    ("+1 816-555-0142", [("+1 816-555-0142", "+18165550142")]),
    ("+1 (816) 555-0142", [("+1 (816) 555-0142", "+18165550142")]),
    ("V251;+1 816 800 5703;parent", [("+1 816 800 5703", "+18168005703")]),
    ("1-816-705-6367", [("1-816-705-6367", "+18167056367")]),
    ("-- 573 . 566 . 1964. Her", [("573 . 566 . 1964", "+15735661964")]),  # spaced-dot obfuscation
    ("her number is 6607603339.", [("6607603339", "+16607603339")]),  # bare 10-digit run
    ("V893;9757594504;friend", [("9757594504", "+19757594504")]),
    ("816-555-0142 x123", [("816-555-0142 x123", "+18165550142")]),  # extension: in span, not in value
    ("816-555-0142 ext. 12", [("816-555-0142 ext. 12", "+18165550142")]),
    ("816-555-0142, ext 55", [("816-555-0142, ext 55", "+18165550142")]),
    ("816\u200b-923\u200b-4471", [("816\u200b-923\u200b-4471", "+18169234471")]),  # zero-width spaces
    ("816\u00a0555\u00a00142", [("816\u00a0555\u00a00142", "+18165550142")]),  # NBSP
    ("+44 20 7946 0958", [("+44 20 7946 0958", "+442079460958")]),  # another country, with +
    ("816-555-0142 816 555 0143", [("816-555-0142", "+18165550142"), ("816 555 0143", "+18165550143")]),
    ("816 555 0142 913 555 1212", [("816 555 0142", "+18165550142"), ("913 555 1212", "+19135551212")]),
]

NO_MATCH = [
    ("(816) 118-5558", "exchange starting with 1: not valid"),
    ("(199) 844-6126", "area code starting with 1"),
    ("123-564-7044", "area code 123"),
    ("(123) 794-3973", "area code 123, parenthesised"),
    ("case 2025-001234", "case number: 4-6 grouping, not 3-3-4"),
    ("81655501420", "11 digits not starting with 1: part of a longer number"),
    ("1816555014299", "glued to more digits"),
    ("A8165550142", "glued to a letter before"),
    ("8165550142B", "glued to a letter after"),
    ("816-555-0142-7", "continues as a longer dashed number"),
    ("816-555-01", "too short"),
    ("64106-1234", "ZIP+4"),
    ("123-45-6789", "SSN shape"),
    ("4111 1111 1111 1111", "card number"),
    ("5543-1218-9007-9442", "card number, dashed"),
    ("4111 816 555 0142", "space-grouped, glued to a digit group before: an ID or card"),
    ("816 555 0142 1234", "space-grouped, glued to a digit group after"),
    ("2025-07-14", "ISO date"),
    ("07/14/2025", "US date"),
    ("10.20.14.31", "IP address"),
    ("$8,165,550,142", "money"),
]


@pytest.mark.parametrize("text,expected", MATCH)
def test_match(text, expected):
    assert found(DET, text) == expected


@pytest.mark.parametrize("text,why", NO_MATCH)
def test_no_match(text, why):
    assert found(DET, text) == [], why


def test_extension_is_noted():
    (span,) = DET.find("816-555-0142 x123")
    assert span.note == "ext=123"


def test_fast_validation_agrees_with_phonenumbers():
    """_nanp_valid is phonenumbers' own metadata compiled once; it must give the same answers."""
    import random

    rng = random.Random(7)
    for _ in range(4000):
        nsn = str(rng.randint(2, 9)) + "".join(rng.choice("0123456789") for _ in range(9))
        assert _nanp_valid(nsn) == phonenumbers.is_valid_number(phonenumbers.parse("+1" + nsn)), nsn


def test_other_region():
    det = PhoneDetector(DetectorOptions(region="GB"))
    assert found(det, "call 020 7946 0958 today") == [("020 7946 0958", "+442079460958")]
    assert found(det, "(816) 555-0142") == []  # not a valid GB number


@pytest.mark.parametrize("raw,normalized", [
    ("(816) 555-0142", "+18165550142"),
    ("816-705-6367", "+18167056367"),
    ("+1 913 505 8755", "+19135058755"),
    ("816.555.0142 x12", "+18165550142"),
    ("not a phone", None),
    ("12", None),
])
def test_normalize_value(raw, normalized):
    assert PhoneDetector.normalize_value(raw) == normalized


def test_roster_value_equals_document_value():
    doc = found(DET, "reach her at 816 . 717 . 6854 tonight")
    assert doc == [("816 . 717 . 6854", PhoneDetector.normalize_value("816-717-6854"))]


@pytest.mark.parametrize("name", ADVERSARIAL_IDS)
def test_linear_time(name):
    assert_fast(DET, ADVERSARIAL[name])
