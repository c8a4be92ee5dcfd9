"""Shared helpers for the detector tables: exact spans as (matched text, normalized) pairs."""
import time

ADVERSARIAL_BYTES = 200_000
ADVERSARIAL_SECONDS = 5.0  # generous: only a backtracking blow-up would cross it


def repeat(s: str, n: int = ADVERSARIAL_BYTES) -> str:
    return (s * (n // len(s) + 1))[:n]


# Inputs that make naive regexes backtrack or naive loops go quadratic.
ADVERSARIAL = {
    "digits": "1" * ADVERSARIAL_BYTES,
    "digit-dash": repeat("1-"),
    "digit-space": repeat("1 "),
    "digit-dot": repeat("1."),
    "digit-paren": repeat("(1) "),
    "plus-one": repeat("+1 "),
    "parens": "(" * ADVERSARIAL_BYTES,
    "at-run": "@" * ADVERSARIAL_BYTES,
    "a-at": repeat("a@"),
    "dotted-at": repeat("a.a.a.a@"),
    "bracket-at": repeat("x [at] y [dot] "),
    "main-st": repeat("1 Main St "),
    "capitals": repeat("Aaa Bbb "),
    "school-ish": repeat("Lincoln Lincoln School "),
    "colons": ":" * ADVERSARIAL_BYTES,
    "hex-colons": repeat("a:1:"),
    "dotted-quad": repeat("1.2.3.4."),
    "plate-ctx": repeat("plate A1 "),
    "account-ctx": repeat("account # 123456 "),
    "dob-ctx": repeat("DOB 1/1/1980 "),
    "table": "dob | plate | x\n" + repeat("1/2/1980 | AB1 | x\n"),
    "lives-at": repeat("lives at 12 "),
    "goes-to": repeat("goes to a b c "),
    "health": repeat("cancer "),
    "number-mix": repeat("816 555 0142 4111 1111 1111 1111 "),
    "directionals": repeat("1 N N N N N "),
    "zero-width": repeat("1\u200b"),
}


def found(det, text):
    """(matched text, normalized) of every reported (not confirm-only) span, in order."""
    return [(text[s.start:s.end], s.normalized) for s in det.find(text) if not s.confirm_only]


def assert_fast(det, text):
    t0 = time.perf_counter()
    for _ in det.find(text):
        pass
    elapsed = time.perf_counter() - t0
    assert elapsed < ADVERSARIAL_SECONDS, f"{type(det).__name__} took {elapsed:.1f}s"

ADVERSARIAL_IDS = sorted(ADVERSARIAL)
