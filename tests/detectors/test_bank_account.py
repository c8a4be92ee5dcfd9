"""Bank-account detector: ABA routing numbers with context, labelled account numbers."""
import pytest

from scanner.detectors.bank_account import BankAccountDetector, aba_ok
from scanner.model import Severity
from tests.detectors.helpers import ADVERSARIAL, ADVERSARIAL_IDS, assert_fast, found

DET = BankAccountDetector()

MATCH = [
    ("routing number 101000019", [("101000019", "101000019")]),
    ("ABA: 011000015", [("011000015", "011000015")]),
    ("RTN 081000045", [("081000045", "081000045")]),
    ("wire to 101000019 at First Bank", [("101000019", "101000019")]),  # context after
    ("bank account number: 12345678", [("12345678", "12345678")]),
    ("checking account 4455667788", [("4455667788", "4455667788")]),
    ("Savings Acct # 000123456789", [("000123456789", "000123456789")]),
    ("routing 081000045, acct 152209887341", [("081000045", "081000045"), ("152209887341", "152209887341")]),
    ("ABA 071000013\n  Account .......... 5529104476", [("071000013", "071000013"), ("5529104476", "5529104476")]),
    ("Routing: 101000019 Account: 123456789", [("101000019", "101000019"), ("123456789", "123456789")]),
    ("direct deposit: Acct no. 1234-5678-90", [("1234-5678-90", "1234567890")]),
    ("MICR: \u2446101900119\u2446 0044712209\u2448 1042", [("101900119", "101900119"), ("0044712209", "0044712209")]),
]

NO_MATCH = [
    ("order 101000019", "9 digits, valid checksum, no context"),
    ("routing number 101000018", "bad ABA checksum"),
    ("routing 131000018", "valid checksum, invalid Fed prefix 13"),
    ("routing 991000013", "invalid Fed prefix 99"),
    ("routing 1010000190", "10 digits"),
    ("account number 12345", "fewer than 6 digits"),
    ("bank account number 123456789012345678", "more than 17 digits"),
    ("acct # 12.345678", "decimal"),
    ("case 2025-001234 account", "number before the label"),
    ("PATIENT STATEMENT Account: 77-301882", "an account label without a bank word: a patient account"),
    ("Account number: 12345678", "an account label without a bank word"),
    ("my account is 12345678", "not a label"),
]


@pytest.mark.parametrize("text,expected", MATCH)
def test_match(text, expected):
    assert found(DET, text) == expected


@pytest.mark.parametrize("text,why", NO_MATCH)
def test_no_match(text, why):
    assert found(DET, text) == [], why


def test_high_floor_and_note():
    routing, account = DET.find("Routing: 101000019 Account: 123456789")
    assert (routing.floor, routing.note) == (Severity.HIGH, "routing")
    assert (account.floor, account.note) == (Severity.HIGH, "account")
    assert BankAccountDetector.default_severity == Severity.HIGH


@pytest.mark.parametrize("digits,ok", [("101000019", True), ("011000015", True), ("101000018", False),
                                       ("131000018", False), ("000000000", False), ("12345678", False)])
def test_aba(digits, ok):
    assert aba_ok(digits) is ok


@pytest.mark.parametrize("raw,normalized", [("1234-5678-90", "1234567890"), ("101000019", "101000019"), ("12", None)])
def test_normalize_value(raw, normalized):
    assert BankAccountDetector.normalize_value(raw) == normalized


@pytest.mark.parametrize("name", ADVERSARIAL_IDS)
def test_linear_time(name):
    assert_fast(DET, ADVERSARIAL[name])
