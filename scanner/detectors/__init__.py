"""PII detectors: one module per kind, discovered by `base.registry()`."""
from .base import Detector, DetectorOptions, register, registry

__all__ = ["Detector", "DetectorOptions", "register", "registry"]
