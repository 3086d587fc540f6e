"""What reading one text gives (TextReading) and what the stage decides for a row
(StatusDecision): plain data shared by reading.py, labels.py and classify.py."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .windows import UNKNOWN_CODE as UNKNOWN  # noqa: F401  (labels, reading import it from here)


@dataclass
class StatusDecision:
    code: str
    confidence: float
    evidence: Optional[str] = None
    kind: Optional[str] = None     # how a text was read (calibrate.py's kinds), for the figures


@dataclass
class TextReading:
    """What one text says: code, confidence, the sentence that decided, and how."""
    code: str
    confidence: float
    sentence: Optional[str] = None
    by: str = "none"            # rules, textcat, weak, none
    conflict: bool = False      # the text holds evidence pointing elsewhere
    done_hint: bool = False     # the text says the control was carried out
