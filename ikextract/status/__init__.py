"""Status stage: what each control found, as one of the contract's status codes.

classify_text / classify_row / apply are the interface; rules (phrases.tsv and friends) run
first and the trained text classifier in models/status decides what they leave open.
"""
from .classify import StatusDecision, apply, classify_row, classify_text, classify_texts

__all__ = ["StatusDecision", "apply", "classify_row", "classify_text", "classify_texts"]
