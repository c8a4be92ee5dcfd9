"""doxguard: keep documents from doxxing the people a city must protect.

Library API:
    from scanner import Scanner, load_roster
    findings = Scanner(roster=load_roster("roster.csv")).scan_text(text, path="memo.txt")
"""
from .engine import ScanOptions, Scanner
from .model import Finding, Kind, Person, ScanError, ScanResult, Severity, Span
from .roster import Roster, RosterError, load_roster

__all__ = ["Scanner", "ScanOptions", "Finding", "Kind", "Person", "ScanError", "ScanResult",
           "Severity", "Span", "Roster", "RosterError", "load_roster"]
__version__ = "0.1.0"
