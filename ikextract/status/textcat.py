"""Loading the trained status classifier (textcat) from model_dir(), or none: the rules alone."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from .rules import settle_loaded
from .vocabulary import HERE

MODEL_ENV = "IKEXTRACT_STATUS_MODEL"
DEFAULT_MODEL_DIR = HERE.parents[1] / "models" / "status"


def model_dir() -> Path:
    return Path(os.environ.get(MODEL_ENV) or DEFAULT_MODEL_DIR)


# IKEXTRACT_STATUS_MODEL=rules asks for the rules alone, on purpose (e.g. to compare).
RULES_ONLY = ("rules", "none")


class StatusModelMissing(RuntimeError):
    """The trained status model is not where it should be: an install or path problem the
    user must see, never a silent fall-back to a weaker classifier."""


@lru_cache(maxsize=4)
def _load_textcat(path: str):
    if path.strip().lower() in RULES_ONLY:
        return None
    p = Path(path)
    if not (p / "meta.json").is_file():
        raise StatusModelMissing(
            f"status model not found at {p} (run `ikextract train-status`, reinstall, or set "
            f"{MODEL_ENV}=rules to classify with the rules alone)")
    import spacy
    nlp = spacy.load(p)
    settle_loaded()
    return nlp


def get_textcat():
    """The trained pipeline (blank Swedish + textcat), loaded once per process; None only
    when the rules alone were asked for (IKEXTRACT_STATUS_MODEL=rules)."""
    return _load_textcat(str(model_dir()))
