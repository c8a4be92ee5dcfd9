"""SARIF 2.1.0 reporter (`--format sarif`), for GitHub code scanning and other SARIF viewers.

One rule per kind (id = kind), every finding a result whose level follows its severity
(critical/high -> error, medium -> warning, low/info -> note). Columns are code points
(`columnKind: unicodeCodePoints`), end column exclusive, exactly as in the JSON output.
Values arrive masked from the engine (unless --reveal); nothing here sees a raw value.
Errors (unreadable paths, ...) become tool execution notifications and make
`executionSuccessful` false, so a viewer never shows an incomplete scan as clean.
"""
from __future__ import annotations

import json
from urllib.parse import quote

from ..model import Finding, Kind, ScanError, ScanResult, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_NAME = "doxguard/v1"
SRCROOT = "%SRCROOT%"

LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}

# kind -> (default severity when no detector says otherwise, short description, help text)
_RULES: dict[Kind, tuple[Severity, str, str]] = {
    Kind.NAME: (Severity.LOW, "Name of a protected person",
                "A roster person's name or alias. A name alone is normal in a police report or press "
                "release (low); it raises the severity of private information tied to it."),
    Kind.SSN: (Severity.HIGH, "Social security number",
               "A US social security number that passes the SSA rules (no area 000, 666 or 900-999, "
               "no group 00, no serial 0000). High anywhere; critical when it is a roster person's."),
    Kind.CARD: (Severity.HIGH, "Credit or debit card number",
                "A card number with a known issuer prefix that passes the Luhn check. High anywhere."),
    Kind.PHONE: (Severity.MEDIUM, "Phone number",
                 "A phone number valid for the configured region. Critical when it is a roster person's "
                 "known number or tied to one by a cue (\"her cell\"), high when next to a protected "
                 "person's name, medium otherwise."),
    Kind.EMAIL: (Severity.MEDIUM, "E-mail address",
                 "An e-mail address. Critical when it is a roster person's or tied to one by a cue, high "
                 "when next to a protected person's name, medium otherwise."),
    Kind.ADDRESS: (Severity.MEDIUM, "Street address",
                   "A street address. Critical when it is a roster person's home address or tied to one "
                   "by a cue (\"lives at\"); medium when unlinked or a place of work or of an incident."),
    Kind.DOB: (Severity.MEDIUM, "Date of birth",
               "A date with birth context (DOB, born, birthday) or equal to a roster person's date of "
               "birth."),
    Kind.SCHOOL: (Severity.MEDIUM, "School location",
                  "A school, which tied to a protected person or their children tells where to find them."),
    Kind.HEALTH: (Severity.MEDIUM, "Health information",
                  "Health information (treatment, diagnosis) tied to or near a person."),
    Kind.PLATE: (Severity.MEDIUM, "Licence plate", "A vehicle licence plate."),
    Kind.GPS: (Severity.MEDIUM, "GPS coordinates", "Latitude/longitude coordinates that can locate a home."),
    Kind.IP: (Severity.INFO, "IP address", "An IP address (informational)."),
    Kind.BANK_ACCOUNT: (Severity.HIGH, "Bank account number",
                        "A bank account or routing number. High anywhere."),
}

_HELP_FOOTER = (
    "Remove or redact the value (`doxguard redact`), or, if it is public (a city office), add it to "
    "`allow` in the config; mark a reviewed line with `doxguard:allow`."
)


def _version() -> str:
    from .. import __version__

    return __version__


def _information_uri() -> str | None:
    """The project's home page from the installed package metadata, if it declares one."""
    try:
        from importlib.metadata import metadata

        for entry in metadata("doxguard").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() in ("homepage", "home", "repository", "source", "documentation"):
                return url.strip()
    except Exception:  # metadata missing (running from a source tree): leave the field out
        return None
    return None


def _default_severities() -> dict[str, Severity]:
    try:
        from ..detectors import registry

        return {cls.kind.value: Severity(cls.default_severity) for cls in registry().values()}
    except Exception:
        return {}


def _rules() -> list[dict]:
    defaults = _default_severities()
    rules = []
    for kind, (sev, short, full) in _RULES.items():
        sev = defaults.get(kind.value, sev)
        rules.append({
            "id": kind.value,
            "name": "".join(p.capitalize() for p in kind.value.split("_")),
            "shortDescription": {"text": short},
            "fullDescription": {"text": full},
            "help": {"text": f"{full} {_HELP_FOOTER}", "markdown": f"{full}\n\n{_HELP_FOOTER}"},
            "defaultConfiguration": {"level": LEVEL[sev]},
            "properties": {"tags": ["privacy", "pii", "doxxing"], "default_severity": sev.value},
        })
    return rules


def artifact_uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId) for a finding's path: relative paths stay relative to %SRCROOT%."""
    p = path.replace("\\", "/")
    if p == "-":
        return "stdin", None
    if p.startswith("/"):
        return "file://" + quote(p), None
    if len(p) > 2 and p[1] == ":" and p[2] == "/":  # C:/...
        return "file:///" + quote(p, safe="/:"), None
    while p.startswith("./"):
        p = p[2:]
    return quote(p), SRCROOT


def _artifact_location(path: str) -> dict:
    uri, base = artifact_uri(path)
    loc = {"uri": uri}
    if base:
        loc["uriBaseId"] = base
    return loc


def _message(f: Finding) -> str:
    tags = [f.person.id] if f.person is not None else ["not linked"]
    if f.known_value:
        tags.append("known value")
    return f"{f.severity.value} {f.kind.value} {f.value} [{', '.join(tags)}]: {f.reason}"


def _result(f: Finding, rule_index: dict[str, int]) -> dict:
    props: dict = {"severity": f.severity.value, "known_value": f.known_value, "reason": f.reason,
                   "value": f.value}
    if f.person is not None:
        person = {"id": f.person.id, "name": f.person.name}
        if f.family_of is not None:
            person["family_of"] = {"id": f.family_of.id, "name": f.family_of.name}
        props["person"] = person
    if f.location:
        props["location"] = dict(f.location)
    return {
        "ruleId": f.kind.value,
        "ruleIndex": rule_index[f.kind.value],
        "level": LEVEL[f.severity],
        "message": {"text": _message(f)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": _artifact_location(f.path),
                "region": {
                    "startLine": f.line,
                    "startColumn": f.column,
                    "endLine": f.end_line,
                    "endColumn": f.end_column,
                    "charOffset": f.start,
                    "charLength": f.end - f.start,
                },
            },
        }],
        "partialFingerprints": {FINGERPRINT_NAME: f.fingerprint},
        "properties": props,
    }


def _notification(err: ScanError) -> dict:
    loc: dict = {"artifactLocation": _artifact_location(err.path)}
    if err.line is not None:
        loc["region"] = {"startLine": err.line}
    return {
        "level": "error",
        "message": {"text": str(err)},
        "locations": [{"physicalLocation": loc}],
    }


def sarif_document(result: ScanResult) -> dict:
    rules = _rules()
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    driver = {"name": "doxguard", "version": _version(), "semanticVersion": _version()}
    uri = _information_uri()
    if uri:
        driver["informationUri"] = uri
    driver["rules"] = rules
    invocation = {"executionSuccessful": not result.errors}
    if result.errors:
        invocation["toolExecutionNotifications"] = [_notification(e) for e in result.errors]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, rule_index) for f in result.findings],
            "properties": {"summary": result.summary()},
        }],
    }


def render_sarif(result: ScanResult) -> str:
    return json.dumps(sarif_document(result), indent=2, ensure_ascii=False) + "\n"
