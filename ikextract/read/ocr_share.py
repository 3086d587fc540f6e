"""Cores a file's OCR may borrow while it runs: a probe the batch worker sets (it asks the
parent's pipe whether other workers stand idle), read between pages by ocr.ocr_pages. Kept
apart from ocr.py so a worker can set it without importing the OCR stack."""
from __future__ import annotations

from typing import Callable, Optional

_probe: Optional[Callable[[], int]] = None


def set_probe(probe: Optional[Callable[[], int]]) -> None:
    global _probe
    _probe = probe


def spare_cores() -> int:
    """Processes beyond this one that the pages left may use now (0: go on alone)."""
    if _probe is None:
        return 0
    try:
        return max(0, int(_probe()))
    except Exception:       # a probe that fails costs only the speed-up
        return 0
