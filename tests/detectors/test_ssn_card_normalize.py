"""normalize_value of the SSN and card detectors (roster values -> the digits the detectors yield)."""
import pytest

from scanner.detectors.card import CardDetector
from scanner.detectors.ssn import SsnDetector
from tests.detectors.helpers import ADVERSARIAL, ADVERSARIAL_IDS, assert_fast


@pytest.mark.parametrize("raw,normalized", [("123-45-6789", "123456789"), ("123 45 6789", "123456789"),
                                            ("123456789", "123456789"), ("12-34", None)])
def test_ssn_normalize_value(raw, normalized):
    assert SsnDetector.normalize_value(raw) == normalized


@pytest.mark.parametrize("raw,normalized", [("4111 1111 1111 1111", "4111111111111111"),
                                            ("5543-1218-9007-9442", "5543121890079442"), ("1234", None)])
def test_card_normalize_value(raw, normalized):
    assert CardDetector.normalize_value(raw) == normalized


def test_document_value_equals_roster_value():
    (ssn,) = SsnDetector().find("SSN: 123 45 6789")
    assert ssn.normalized == SsnDetector.normalize_value("123-45-6789")
    (card,) = CardDetector().find("card 4111-1111-1111-1111")
    assert card.normalized == CardDetector.normalize_value("4111 1111 1111 1111")


@pytest.mark.parametrize("name", ADVERSARIAL_IDS)
@pytest.mark.parametrize("det", [SsnDetector(), CardDetector()], ids=["ssn", "card"])
def test_linear_time(det, name):
    assert_fast(det, ADVERSARIAL[name])
