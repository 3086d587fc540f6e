"""Reading one text's status: the rules over the whole text, else the trained classifier."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from ..model import STATUS_CODES
from .columns import heading_rule, read_cell, read_value
from .calibrate import calibrated
from .doubt import all_clear_doubt, progress_count_doubt
from .shares import bare_share
from .rules import NEUTRALIZED, get_rules, weigh
from .textcat import get_textcat

UNKNOWN = "okand"
EVIDENCE_MAX = 200
# The classifier decides only texts the rules leave open; it must be surer to call a text
# all-clear (the costliest error) than anything else, and its decisions stay below the
# confidence of a rule, which has read the words that say the status.
SHORT_TEXT_TOKENS = 25
# short 0.5 (was 0.7): on four writers' sets the model was not trained on (dev_v6f-i, 1
# December 2026) +0.0 to +0.5 points, no new false all-clear
TEXTCAT_MIN = {"short": 0.5, "long": 0.85}
TEXTCAT_MIN_CLEAR = 0.95
TEXTCAT_CONFIDENCE_CAP = 0.85
LONG_SENTENCE_WORDS = 24
SENTENCE_MIN = 0.95        # a long text needs one sentence saying the label by itself
# A weak hint of the rules ("genomförts", "korrekt") alone: the text does not say enough.
WEAK_HINT_CONFIDENCE = 0.55
# The classifier's second opinion on what the rules read: trained on many writers, it reads
# wording no rule was written from ("De två avvikelserna var av mindre karaktär", "flyttas
# till nästa års plan"). Where it is all but sure of another code than a rule that is not,
# it decides; never towards an all-clear (the costliest error), never against a label.
# bench/status_writers.py (each writer's set left out of training): +0.2 to +0.9 points on
# six writers' sets, never fewer right.
SECOND_OPINION_MIN = 0.95
SECOND_OPINION_RULES_MAX = 0.9
SECOND_OPINION_KINDS = ("rules", "doubt", "share")


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


def _clean(text: Optional[str]) -> str:
    return (text or "").strip()


def _sentences(doc, text: str) -> list[tuple[int, int]]:
    spans, start = [], None
    for t in doc:
        if t.is_space and "\n" not in t.text:
            continue           # "Inga  avvikelser": spaces within a line
        if "\n" in t.text:
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


def _quote(text: str, a: int, b: int) -> str:
    s = text[a:b].strip()
    return s if len(s) <= EVIDENCE_MAX else s[:EVIDENCE_MAX - 1] + "…"


def _sentence_of(doc, text: str, start: int, end: int) -> str:
    for a, b in _sentences(doc, text):
        if a <= start < b:
            return _quote(text, a, max(b, min(end, len(text))))
    return _quote(text, start, end)


def read_texts(texts: Sequence[Optional[str]], calibrate: bool = True) -> list[TextReading]:
    """Read many texts: the rules over each whole text, one nlp.pipe over what they leave;
    each confidence then calibrated for its kind of evidence (calibrate.py)."""
    out = _read_texts(texts)
    if calibrate:
        for r in out:
            if r.by != "empty":
                r.confidence = calibrated(r.by, r.code, r.confidence)
    return out


def _read_texts(texts: Sequence[Optional[str]]) -> list[TextReading]:
    rules = get_rules()
    out: list[Optional[TextReading]] = [None] * len(texts)
    open_items = []        # (index, doc, text, done_hint, weak code, hits)
    read_items = []        # (index, doc, text): read by the rules, for a second opinion
    for i, raw in enumerate(texts):
        text = _clean(raw)
        if not text:
            out[i] = TextReading(UNKNOWN, 1.0, by="empty")
            continue
        labelled = _labelled_value(text)
        if labelled is not None:       # "Avvikelse: Nej.", "Status: Pågår."
            out[i] = labelled
            continue
        doc = rules.make_doc(text)
        hits = rules.hits(doc)
        verdict = weigh(hits)
        done_hint = any(h.rule.startswith("phrase:genomford") and h.code == "inga_avvikelser"
                        for h in hits)
        if verdict is not None and verdict.code == "ej_paborjad" and (done_hint or any(
                h.rule.startswith("phrase:klar") and h.code == "inga_avvikelser"
                for h in hits)) and verdict.hit.strength <= 2 and not verdict.conflict:
            # "Kontrollen är genomförd för januari–juni. Juli–december kontrolleras i början
            # av nästa år": part done, the rest planned
            verdict.code, verdict.confidence = "pagar", min(verdict.confidence, 0.7)
        if verdict is not None and verdict.code == "ej_paborjad" and done_hint:
            if _part_of_the_control(doc, verdict.hit, rules):
                # "Kontroll av avtal genomförd, kontroll av fakturor ej påbörjad": one part
                # done, another not started: under way
                verdict.code, verdict.confidence = "pagar", min(verdict.confidence, 0.7)
            else:
                # "Kontrollen är genomförd. Ej påbörjad: uppföljning av åtgärdsplanen": a
                # later step not started does not make a finished control not started.
                hits = [h for h in hits if h.code != "ej_paborjad"]
                verdict = weigh(hits)
        if verdict is not None and verdict.code == "ej_paborjad" and (any(
                h.rule.startswith(("number:plan", "number:completion")) for h in hits)
                or _has_count(doc, rules)):
            # "Två av tre planerade stickprov är gjorda, det tredje görs i december": part
            # done, the rest to come
            verdict.code, verdict.confidence = "pagar", min(verdict.confidence, 0.7)
        if verdict is not None:
            reading = TextReading(verdict.code, round(verdict.confidence, 3),
                                  _sentence_of(doc, text, verdict.hit.start, verdict.hit.end),
                                  "rules", verdict.conflict, done_hint)
            if reading.code == "inga_avvikelser":
                reading = _guard_clear(reading, doc, hits)
            elif reading.code in ("avvikelser", "ej_utford"):
                doubt = progress_count_doubt(doc, verdict.hit.rule, hits)
                if doubt is not None:
                    reading = TextReading(doubt.code, doubt.cap, f"{reading.sentence} [a count "
                                          f"of progress, the rest to come: '{doubt.word}']",
                                          "doubt", True, done_hint)
            out[i] = reading
            read_items.append((i, doc, text))
            continue
        share = bare_share(doc, rules) if not any(h.rule == NEUTRALIZED for h in hits) else None
        if share is not None:      # "94 % av utbetalningarna gjordes i tid"
            code, confidence, value = share
            note = (f"the size of a sample, {value:.0f} %: no finding" if code == UNKNOWN
                    else f"{value:.0f} % of the parts of the control done" if code == "pagar"
                    else f"a share of {value:.0f} %, no goal stated")
            out[i] = TextReading(code, confidence, f"{_quote(text, 0, len(text))} [{note}]",
                                 "share", code not in ("inga_avvikelser", UNKNOWN), done_hint)
            read_items.append((i, doc, text))
            continue
        weak = [h for h in hits if h.strength == 1 and h.code != UNKNOWN]
        weak_code = weak[0].code if weak and len({h.code for h in weak}) == 1 else None
        if any(h.rule == NEUTRALIZED for h in hits):
            weak_code = NEUTRALIZED      # a purpose or procedure: the classifier may not
        open_items.append((i, doc, text, done_hint, weak_code, hits))
    nlp = get_textcat()
    # a second opinion is asked only where it could decide (SECOND_OPINION_*)
    read_items = [(i, doc, text) for i, doc, text in read_items
                  if _may_second(out[i])]  # type: ignore[arg-type]
    if nlp is None or not (open_items or read_items):
        scored_docs: list = [None] * len(open_items)
    else:
        # one pass of the classifier over what the rules left open and what they read
        scored = _score(nlp, rules, [(doc, text) for _, doc, text, *_ in open_items]
                        + [(doc, text) for _, doc, text in read_items])
        scored_docs = scored[:len(open_items)]
        for (i, doc, text), cats in zip(read_items, scored[len(open_items):]):
            if cats is not None:
                out[i] = _second_opinion(nlp, rules, out[i], doc, text, cats)
    for (i, doc, text, done_hint, weak_code, hits), cats in zip(open_items, scored_docs):
        reading = None
        if cats is not None:
            reading = _textcat_reading(nlp, rules, doc, text, cats)
            if reading is not None and done_hint and reading.code in ("ej_utford", "ej_paborjad",
                                                                      "pagar"):
                reading = None   # the words say it was carried out; the classifier guesses
            if reading is not None and weak_code == NEUTRALIZED and reading.code != UNKNOWN:
                # call a text all-clear (or deviating) on the words a rule has just read
                # as a purpose ("Kontroll av att attestordningen följs")
                reading = None
        if reading is not None and reading.code == "inga_avvikelser":
            reading = _guard_clear(reading, doc, hits)
        if reading is None:
            if weak_code == "pagar":
                reading = TextReading("pagar", 0.6, None, "weak")
            else:
                reading = TextReading(UNKNOWN, WEAK_HINT_CONFIDENCE if weak_code else 0.6,
                                      None, "none")
        reading.done_hint = done_hint
        out[i] = reading
    return out  # type: ignore[return-value]


def _score(nlp, rules, items: list) -> list[Optional[dict]]:
    """The classifier's scores (cats) per (doc, text); None for a text of nothing but
    function words. Questions ("varför har vi en avvikelse?") report nothing, to the
    classifier either."""
    norm_texts = [rules.norm_text(rules.make_doc(_statements(text))) if "?" in text
                  else rules.norm_text(doc) for doc, text in items]
    out: list[Optional[dict]] = [None] * len(items)
    worded = [k for k, t in enumerate(norm_texts) if t.strip()]
    for k, scored in zip(worded, nlp.pipe([norm_texts[k] for k in worded], batch_size=256)):
        out[k] = scored.cats
    return out


def _may_second(reading: TextReading) -> bool:
    return (reading.by in SECOND_OPINION_KINDS and calibrated(
        reading.by, reading.code, reading.confidence) <= SECOND_OPINION_RULES_MAX)


def _second_opinion(nlp, rules, reading: TextReading, doc, text: str, cats: dict
                    ) -> TextReading:
    """The rules' reading, or the classifier's where it is all but sure of another code and
    the rules are not (SECOND_OPINION_*); never an all-clear, never against a label."""
    label, p = max(cats.items(), key=lambda kv: kv[1])
    if (label == reading.code or label == "inga_avvikelser" or p < SECOND_OPINION_MIN
            or not _may_second(reading)):
        return reading
    if reading.done_hint and label in ("ej_utford", "ej_paborjad"):
        return reading    # the words say it was carried out
    if reading.sentence and _quote(text, 0, len(text)) != reading.sentence.strip():
        # the classifier must disagree with the sentence the rule read, not just outweigh
        # it with another ("Fel i 12 av 30 ärenden. Mindre avvikelser i 4 ärenden.")
        own = _score(nlp, rules, [(rules.make_doc(reading.sentence), reading.sentence)])[0]
        if own is not None and max(own, key=own.get) == reading.code:
            return reading
    sentence, sentence_p = _textcat_sentence(nlp, rules, text, label, doc, p)
    if len(doc) > SHORT_TEXT_TOKENS and sentence_p < SECOND_OPINION_MIN or len(
            sentence.split()) > LONG_SENTENCE_WORDS:
        return reading    # a long text's weak words adding up, no sentence that says it
    return TextReading(label, round(min(p, TEXTCAT_CONFIDENCE_CAP), 3),
                       f"{sentence} [against the rules' {reading.code}: '{reading.sentence}']",
                       "second_opinion", True, reading.done_hint)


PART_STARTS = ("kontroll", "gransk", "stickprov", "inventering", "genomgang", "avstamning")


def _part_of_the_control(doc, hit, rules) -> bool:
    """Does the clause of hit start with a word naming a control ("kontroll av fakturor ej
    påbörjad") other than the control itself ("Kontrollen är inte påbörjad")?"""
    toks = [t for t in doc if not t.is_space]
    k = next((i for i, t in enumerate(toks) if t.idx >= hit.start), None)
    if k is None:
        return False
    lo = k
    while lo > 0 and not (toks[lo - 1].is_punct or toks[lo - 1].norm_ in rules.scope_breaks):
        lo -= 1
    first = toks[lo].norm_
    # not "uppföljning av åtgärdsplanen": a follow-up is the contract's later step
    # the definite form is the control itself ("Kontrollen är inte påbörjad")
    return lo < k and first.startswith(PART_STARTS) and not first.endswith(("en", "et", "na"))


def _has_count(doc, rules) -> bool:
    """"två av tre": a count in the text."""
    toks = [t for t in doc if not (t.is_space or t.is_punct)]
    return any(toks[k + 1].norm_ == "av" and rules.value(toks[k]) is not None
               and rules.value(toks[k + 2]) is not None for k in range(len(toks) - 2))


def _guard_clear(reading: TextReading, doc, hits) -> TextReading:
    """An all-clear stands only where nothing else in the text doubts it (doubt.py)."""
    doubt = all_clear_doubt(doc, [(h.start, h.end) for h in hits
                                  if h.code == "inga_avvikelser"])
    if doubt is None:
        return reading
    if doubt.code is None:
        reading.confidence = round(min(reading.confidence, doubt.cap), 3)
        reading.conflict = True
        return reading
    sentence = reading.sentence
    note = f"all-clear doubted ({doubt.kind}: '{doubt.word}')"
    return TextReading(doubt.code, doubt.cap, f"{sentence} [{note}]" if sentence else note,
                       "doubt", True, reading.done_hint)


_QUESTION = re.compile(r"[^.!?;\n]*\?")


def _statements(text: str) -> str:
    return _QUESTION.sub(" ", text)


def _says_nothing(text: str) -> bool:
    """No rule reads a status in text ("Stickprov 30 st.")."""
    rules = get_rules()
    return weigh(rules.hits(rules.make_doc(text))) is None


# "Genomförd: Nej. Påbörjad: Nej.": not started says more than not carried out
LABEL_SEVERITY = ("avvikelser", "mindre_avvikelser", "ej_paborjad", "ej_utford", "pagar",
                  "okand", "inga_avvikelser")
_LABELLED = re.compile(r"\s*([^\W\d][\w ()/.-]{1,40}?)\s*:\s*([^:\n]{1,60}?)[.!]?\s*")


_STATED = re.compile(r"\s*([^\W\d][\w ()/-]{1,40}?)\s+(?:var|är|blev|uppgick till)\s+"
                     r"(\d+|noll)\s*(?:%|procent)?\s*[.!]?\s*")


def _deviation_colour(text: str) -> Optional[TextReading]:
    """A result that is only a colour ("Röd"): with no legend, its usual meaning where that
    is a deviation; a green alone is no all-clear (the report's legend may say otherwise)."""
    from .columns import DEFAULT_COLOUR_CONFIDENCE
    from .legend import colour_of, colour_words
    from .normalize import fold

    colour = colour_of(text)
    if colour is None or not all(w in colour_words() for w in re.findall(r"\w+", fold(text))):
        return None     # "Gul – pågår": the words beside the colour say it
    code = next(c for w, (col, c) in colour_words().items() if col == colour)
    if code not in ("avvikelser", "mindre_avvikelser"):
        # a green alone says nothing sure without the report's legend, to the classifier
        # either (writers of training data read it both ways)
        return TextReading(UNKNOWN, 0.6, f"{text.strip()} [a colour, no legend]", "label")
    return TextReading(code, DEFAULT_COLOUR_CONFIDENCE, text.strip(), "label")


# A question and its answer side by side, as a narrow table prints them: "Genomförd Ja
# Avvikelser Nej", "Följer plan Ja", "Utförd Nej".
_ANSWER = re.compile(r"(?i)\s*((?:[^\W\d][\w()/-]*\.?\s+){1,3}?)(ja|nej|delvis)\b\s*[.,;]?")


def _answered_pairs(text: str) -> Optional[str]:
    """"Genomförd Ja Avvikelser Nej" written as its labels ("Genomförd: Ja. Avvikelser:
    Nej"), or None when the text is not only questions and their answers."""
    if ":" in text:
        return None
    pairs, at = [], 0
    while at < len(text):
        m = _ANSWER.match(text, at)
        if m is None:
            return None if text[at:].strip() else (". ".join(pairs) or None)
        pairs.append(f"{m.group(1).strip()}: {m.group(2)}")
        at = m.end()
    return ". ".join(pairs) or None


def _labelled_value(text: str) -> Optional[TextReading]:
    """A text that is one status label and its value ("Avvikelse: Nej."), read as the
    column it is; None for anything else."""
    as_labels = _answered_pairs(text)
    if as_labels is not None:
        read = _labelled_value(as_labels)
        if read is not None:
            read.sentence = text.strip()
            return read
    value = read_value(text)
    if value is not None and value[0] in STATUS_CODES:   # "Planerad.", "Ej utförd."
        return TextReading(value[0], 0.95, text.strip(), "label")
    colour = _deviation_colour(text)
    if colour is not None:
        return colour
    stated = _STATED.fullmatch(text)
    if stated is not None:
        # "Felprocenten var 0.", "Antal fel blev 3": a count stated of a heading word
        cell = read_cell(stated.group(1), stated.group(2).replace("noll", "0"))
        if cell is not None and cell.code in STATUS_CODES:
            return TextReading(cell.code, min(cell.confidence, 0.95), text.strip(), "label")
    # parts: sentences, and the cells of a row written out ("Granskade: 50 | Fel: 0")
    parts = [p for p in re.split(r"(?<=[.!])\s+|\s+\|\s+", text.strip()) if p]
    if len(parts) > 1 and any(_LABELLED.fullmatch(p) for p in parts) and all(
            _LABELLED.fullmatch(p) or _says_nothing(p) for p in parts):
        # "Antal granskade: 25. Antal med fel: 0.": the labels that state a status, the
        # most severe first (a false all-clear costs most)
        read = [r for r in (_labelled_value(p) for p in parts) if r is not None]
        if read:
            best = min(read, key=lambda r: LABEL_SEVERITY.index(r.code))
            if best.code == "ej_utford" and any(r.code == "pagar" for r in read):
                # "Genomförd: Nej. Påbörjad: Ja.": not done, but begun
                best = next(r for r in read if r.code == "pagar")
            return TextReading(best.code, best.confidence, text.strip(), "label")
        return None
    m = _LABELLED.fullmatch(text)
    if m is not None and m.group(1).count("(") != m.group(1).count(")"):
        return None    # "Inga avvikelser 2026 (2025: 5 avvikelser)": a remark in brackets
    if m is None or heading_rule(m.group(1)).kind == "any" and not re.fullmatch(
            r"(?i)\s*(status|bedömning|resultat|läge)\s*", m.group(1)):
        return None
    cell = read_cell(m.group(1), m.group(2))
    if cell is None or cell.code not in STATUS_CODES:
        return None
    refined = _refined(cell.code, m.group(2))
    if refined is not None:
        # "Avvikelse: Ja, av mindre karaktär", "Genomförd: Nej, pågår": the words beside
        # the answer say more than it does
        return TextReading(refined, min(cell.confidence, 0.9), text.strip(), "label")
    return TextReading(cell.code, min(cell.confidence, 0.95), text.strip(), "label")


REFINES = {"avvikelser": ("mindre_avvikelser",), "ej_utford": ("pagar", "ej_paborjad")}
MINOR_ONLY = re.compile(r"(?i)\W*(ringa|små|smärre|marginell[at]?|obetydlig[at]?|mindre)\W*")


def _refined(code: str, value: str) -> Optional[str]:
    """The code the words after a label's Ja / Nej give, where they say more of the same
    kind: a deviation graded minor, a control not done that is under way or not begun."""
    rest = re.sub(r"(?i)^\s*(ja|nej)\b[\s,;:–-]*", "", value)
    if rest == value or not rest.strip() or code not in REFINES:
        return None
    if code == "avvikelser" and MINOR_ONLY.fullmatch(rest):
        return "mindre_avvikelser"          # "Avvikelse: Ja (ringa)"
    rules = get_rules()
    verdict = weigh(rules.hits(rules.make_doc(rest)))
    return verdict.code if verdict is not None and verdict.code in REFINES[code] else None


def _textcat_reading(nlp, rules, doc, text: str, cats: dict) -> Optional[TextReading]:
    label, p = max(cats.items(), key=lambda kv: kv[1])
    if label == UNKNOWN:
        return TextReading(UNKNOWN, round(min(p, TEXTCAT_CONFIDENCE_CAP), 3), None, "textcat")
    short = len(doc) <= SHORT_TEXT_TOKENS
    least = TEXTCAT_MIN_CLEAR if label == "inga_avvikelser" else TEXTCAT_MIN[
        "short" if short else "long"]
    if p < least:
        return None
    sentence, sentence_p = _textcat_sentence(nlp, rules, text, label, doc, p)
    if not short and sentence_p < SENTENCE_MIN:
        return None   # many weak words adding up, no sentence that says it
    if len(sentence.split()) > LONG_SENTENCE_WORDS:
        return None   # one long sentence is many weak words too
    return TextReading(label, round(min(p, TEXTCAT_CONFIDENCE_CAP), 3), sentence, "textcat")


def _textcat_sentence(nlp, rules, text: str, label: str, doc, p: Optional[float] = None):
    """The sentence that says label most (and its score); with p=None, the sentence only."""
    spans = _sentences(doc, text) or [(0, len(text))]
    if len(spans) == 1:
        found = _quote(text, *spans[0]), (p if p is not None else 1.0)
    else:
        docs = nlp.pipe([rules.norm_text(rules.make_doc(text[a:b])) for a, b in spans])
        (a, b), sentence_p = max(((s, d.cats.get(label, 0.0)) for s, d in zip(spans, docs)),
                                 key=lambda t: t[1])
        found = _quote(text, a, b), sentence_p
    return found[0] if p is None else found


def classify_texts(texts: Sequence[Optional[str]]) -> list[StatusDecision]:
    return [StatusDecision(r.code, r.confidence, r.sentence, r.by) for r in read_texts(texts)]


def classify_text(text: str) -> StatusDecision:
    return classify_texts([text])[0]
