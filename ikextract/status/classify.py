"""Status of a control: rules first, the trained text classifier for what they do not settle,
and the contract's precedence over a row's fields.

Precedence (CONTRACT.md, "Status codes"): an explicit status column, then "Följer plan"
(Ja -> inga_avvikelser, Nej -> avvikelser), then the result, then the comment.
"""
from __future__ import annotations

import csv
import os
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from ..model import STATUS_CODES, ControlRow, replace_row
from .normalize import fold
from .rules import HERE, decide, get_rules

MODEL_ENV = "IKEXTRACT_STATUS_MODEL"
DEFAULT_MODEL_DIR = HERE.parents[1] / "models" / "status"
TEXTCAT_MIN = 0.85         # long texts: below this the classifier is not sure enough: okand
# A bag of words grows surer with every word, so a long text full of neutral activity words
# reaches TEXTCAT_MIN easily; a short one (about one sentence) may be trusted lower.
SHORT_TEXT_TOKENS = 25
TEXTCAT_MIN_SHORT = 0.5
WEAK_RULE = 1              # a rule this weak yields to a classifier sure of something else
TEXTCAT_OVERRIDE = 0.95
EVIDENCE_MAX = 200
UNKNOWN = "okand"


@dataclass
class StatusDecision:
    code: str
    confidence: float
    evidence: Optional[str] = None


def model_dir() -> Path:
    return Path(os.environ.get(MODEL_ENV) or DEFAULT_MODEL_DIR)


@lru_cache(maxsize=4)
def _load_textcat(path: str):
    p = Path(path)
    if not (p / "meta.json").is_file():
        warnings.warn(f"status model not found at {p}; classifying status with rules only",
                      RuntimeWarning, stacklevel=3)
        return None
    import spacy
    return spacy.load(p)


def get_textcat():
    """The trained pipeline (blank Swedish + textcat), loaded once per process, or None."""
    return _load_textcat(str(model_dir()))


@lru_cache(maxsize=1)
def _status_column_words() -> dict[str, str]:
    with open(HERE / "status_column.tsv", encoding="utf-8", newline="") as f:
        return {fold(r["text"]): r["code"] for r in csv.DictReader(f, delimiter="\t")}


def _clean(text: Optional[str]) -> str:
    return (text or "").strip()


def classify_texts(texts: Sequence[Optional[str]]) -> list[StatusDecision]:
    """Classify many texts at once (rules, then one nlp.pipe over what rules left open)."""
    rules = get_rules()
    out: list[Optional[StatusDecision]] = [None] * len(texts)
    open_items = []     # (index, doc, weak rule decision or None)
    for i, raw in enumerate(texts):
        text = _clean(raw)
        if not text:
            out[i] = StatusDecision(UNKNOWN, 1.0, None)
            continue
        doc = rules.make_doc(text)
        ruled = decide(rules.hits(doc))
        if ruled is not None:
            code, confidence, hit = ruled
            decision = StatusDecision(code, round(confidence, 3), text[hit.start:hit.end])
            if hit.strength > WEAK_RULE:
                out[i] = decision
                continue
            out[i] = decision
            open_items.append((i, doc, text, decision))
        else:
            open_items.append((i, doc, text, None))
    nlp = get_textcat() if open_items else None
    if nlp is None:
        for i, _, _, weak in open_items:
            if weak is None:
                out[i] = StatusDecision(UNKNOWN, 0.5, None)
        return out  # type: ignore[return-value]
    norm_texts = [rules.norm_text(doc) for _, doc, _, _ in open_items]
    for (i, doc, text, weak), scored in zip(open_items, nlp.pipe(norm_texts, batch_size=256)):
        label, p = max(scored.cats.items(), key=lambda kv: kv[1])
        if weak is not None:
            if label != weak.code and label != UNKNOWN and p >= TEXTCAT_OVERRIDE:
                out[i] = StatusDecision(label, round(p, 3), _best_sentence(nlp, rules, doc, text, label))
            continue
        short = len(doc) <= SHORT_TEXT_TOKENS
        least = TEXTCAT_MIN_SHORT if short else TEXTCAT_MIN
        if p < least or label == UNKNOWN:
            out[i] = StatusDecision(UNKNOWN, round(p if label == UNKNOWN else 1 - p, 3), None)
            continue
        evidence, sentence_p = _best_sentence_scored(nlp, rules, doc, text, label)
        if not short and sentence_p < TEXTCAT_MIN_SHORT:
            # A long text's score is many weak words adding up; unless one sentence says the
            # status by itself there is no evidence to show, so the text does not say.
            out[i] = StatusDecision(UNKNOWN, round(1 - sentence_p, 3), None)
        else:
            out[i] = StatusDecision(label, round(p, 3), evidence)
    return out  # type: ignore[return-value]


def _sentences(doc, text: str) -> list[tuple[int, int]]:
    spans, start = [], None
    for t in doc:
        if t.is_space:
            if start is not None:
                spans.append((start, t.idx))
                start = None
            continue
        if start is None:
            start = t.idx
        if t.text in (".", "!", "?", ";"):
            spans.append((start, t.idx + len(t)))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def _best_sentence_scored(nlp, rules, doc, text: str, label: str) -> tuple[str, float]:
    """Evidence for a classifier decision: the sentence that most says the label, and how
    strongly it says it on its own."""
    spans = _sentences(doc, text) or [(0, len(text))]
    docs = nlp.pipe([rules.norm_text(rules.make_doc(text[a:b])) for a, b in spans])
    (a, b), score = max(((span, d.cats.get(label, 0.0)) for span, d in zip(spans, docs)),
                        key=lambda t: t[1])
    sentence = text[a:b].strip()
    if len(sentence) > EVIDENCE_MAX:
        sentence = sentence[:EVIDENCE_MAX - 1] + "…"
    return sentence, score


def _best_sentence(nlp, rules, doc, text: str, label: str) -> str:
    return _best_sentence_scored(nlp, rules, doc, text, label)[0]


def classify_text(text: str) -> StatusDecision:
    return classify_texts([text])[0]


def _explicit(row: ControlRow) -> Optional[StatusDecision]:
    """A status column saying something, else Följer plan; None when neither does."""
    status_text = _clean(row.status_text)
    if status_text:
        key = fold(status_text).rstrip(".!:")
        code = _status_column_words().get(key)
        if code is not None:
            return StatusDecision(code, 0.97, status_text)
        d = classify_text(status_text)
        if d.code != UNKNOWN:
            return d
    if row.follows_plan is True:
        return StatusDecision("inga_avvikelser", 0.95, "Följer plan: Ja")
    if row.follows_plan is False:
        return StatusDecision("avvikelser", 0.95, "Följer plan: Nej")
    return None


def decide_rows(rows: Sequence[ControlRow]) -> list[StatusDecision]:
    decisions: list[Optional[StatusDecision]] = [_explicit(r) for r in rows]
    pending = [i for i, d in enumerate(decisions) if d is None]
    # The result first; the comment only where the result says nothing.
    for field in ("result", "comment"):
        if not pending:
            break
        found = classify_texts([getattr(rows[i], field) for i in pending])
        still = []
        for i, d in zip(pending, found):
            if d.code != UNKNOWN:
                decisions[i] = d
            else:
                if decisions[i] is None or (decisions[i].evidence is None and _clean(getattr(rows[i], field))):
                    decisions[i] = d
                still.append(i)
        pending = still
    out = []
    for d in decisions:
        d = d or StatusDecision(UNKNOWN, 1.0, None)
        assert d.code in STATUS_CODES, d
        out.append(d)
    return out


def classify_row(row: ControlRow) -> StatusDecision:
    return decide_rows([row])[0]


def apply(rows: list[ControlRow]) -> list[ControlRow]:
    return [replace_row(r, status=d.code, status_confidence=float(d.confidence),
                        status_evidence=d.evidence)
            for r, d in zip(rows, decide_rows(rows))]
