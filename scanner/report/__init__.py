"""Reporters only format findings: values arrive already masked (or revealed) from the engine."""
FORMATS = ("text", "json", "jsonl", "sarif")
