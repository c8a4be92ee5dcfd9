"""gitleaks-style: every detector proves its own EXAMPLES (positives and near-misses)."""
import pytest

from scanner.detectors import registry


def _reported(det, text):
    return [s for s in det.find(text) if s.kind == det.kind and not s.confirm_only]


CASES = [(rule, "match", ex) for rule, cls in registry().items() for ex in cls.EXAMPLES["match"]] + [
    (rule, "no_match", ex) for rule, cls in registry().items() for ex in cls.EXAMPLES["no_match"]
]


def test_every_detector_has_examples():
    for rule, cls in registry().items():
        assert cls.EXAMPLES["match"], f"{rule} has no positive examples"
        assert cls.EXAMPLES["no_match"], f"{rule} has no near-miss examples"
        assert cls.description, f"{rule} has no description"


@pytest.mark.parametrize("rule,expect,text", CASES)
def test_examples(rule, expect, text):
    det = registry()[rule]()
    spans = _reported(det, text)
    if expect == "match":
        assert spans, f"{rule} missed {text!r}"
        for s in spans:
            assert 0 <= s.start < s.end <= len(text)
    else:
        assert not spans, f"{rule} wrongly matched {text!r}: {[text[s.start:s.end] for s in spans]}"
