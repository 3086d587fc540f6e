"""Headings and labels read by meaning, not only by the vocabulary's exact words.

In order, the first that decides wins:
1. the vocabulary (headers.tsv, labels.tsv) as written;
2. the same phrases with case, punctuation and diacritics folded ("Atgard" is "Åtgärd");
3. Snowball Swedish stems ("Iakttagelse" maps like "Iakttagelser");
4. compound heads: a word whose last part is a known word maps like it
   ("Kontrollfrekvens" -> frequency via "frekvens", "Granskningsområde" -> area);
5. fuzzy matching (rapidfuzz) for OCR and typing slips ("Kontrollmomet");
6. a compound whose first part is known ("Kontrollinsats" -> control);
7. the column's content where the words do not decide (content_meaning).

Every mapping after step 1 carries a reason, which the layouts put in the report's warnings
so a user can add a TSV line for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process

from ikextract.layouts.vocabulary import (STATUS_CELL, fold, heading_entries, match_heading,
                                          normalise_heading, paragraph_labels, read_tsv,
                                          value_words)

FUZZY_CUTOFF = 88          # rapidfuzz ratio (0-100) for a slip of one or two letters
FUZZY_MIN_CHARS = 6        # shorter words are too easily confused ("metod"/"period")
COMPOUND_MIN_HEAD = 4      # a compound head shorter than this is no evidence ("nr", "id")
COMPOUND_MIN_MODIFIER = 3
COMPOUND_MIN_MODIFIER_PREFIX = 6   # a known first part ("kontroll") long enough to mean it
MAX_HEADING_CHARS = 160

_stemmer = snowballstemmer.stemmer("swedish")


@dataclass(frozen=True)
class Meaning:
    field: str
    fallback: str | None = None
    score: float = 0.0
    how: str = "vocabulary"     # vocabulary, folded, stem, compound, fuzzy, content
    reason: str = ""            # why, for a warning (empty for the vocabulary)
    whole: bool = False         # the whole heading is the phrase (not a phrase inside it)

    @property
    def from_vocabulary(self) -> bool:
        return self.how == "vocabulary"


@lru_cache(maxsize=1 << 16)     # the Snowball stemmer is pure Python: ~20 us a word
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def _stems(text: str) -> str:
    return " ".join(stem(w) for w in fold(text).split())


@lru_cache(maxsize=1)
def _forms() -> dict[str, dict]:
    """Folded and stemmed forms of the vocabulary phrases -> (phrase, field, fallback)."""
    folded, stemmed, single = {}, {}, {}
    for e in heading_entries():
        entry = (e.phrase, e.field, e.fallback)
        folded.setdefault(fold(e.phrase), entry)
        stemmed.setdefault(_stems(e.phrase), entry)
        f = fold(e.phrase)
        if " " not in f and len(f) >= COMPOUND_MIN_HEAD and f.isalpha():
            single.setdefault(f, entry)
    for label, field in paragraph_labels().items():
        entry = (label, field, None)
        folded.setdefault(fold(label), entry)
        stemmed.setdefault(_stems(label), entry)
    return {"folded": folded, "stemmed": stemmed, "single": single}


def heading_meaning(text: str) -> Meaning | None:
    """The field a column heading or a label names, by its words (steps 1-6)."""
    norm = normalise_heading(text)
    if not norm or len(norm) > MAX_HEADING_CHARS:
        return None
    m = match_heading(text)
    joined = _HYPHENATED.sub("", norm)
    if joined != norm:
        # "Risk-bedömning" printed with a hyphen in a narrow cell is the word "riskbedömning".
        j = match_heading(joined)
        if j is not None and (m is None or j.score > m.score):
            m = j
    if m is not None:
        return Meaning(m.field, m.fallback, m.score, whole=m.score >= 1000)
    return question_meaning(text) or derived_meaning(text)


_HYPHENATED = re.compile(r"(?<=[a-zåäö])-(?=[a-zåäö])")


@lru_cache(maxsize=1)
def _questions() -> list[tuple[list[str], str, str]]:
    rows = [(fold(r["question"]).split(), fold(r["verb"] or ""), r["field"])
            for r in read_tsv("questions.tsv")]
    # Longer questions and those with a verb first: "hur ofta" before "hur", "vad ... visade"
    # before "vad".
    return sorted(rows, key=lambda t: (-len(t[0]), not t[1]))


def _is_verb(word: str, verb: str) -> bool:
    # A short stem only as a whole word ("kom", not "kommunen").
    return word == verb or stem(word) == verb or len(verb) >= 5 and word.startswith(verb)


def question_meaning(text: str) -> Meaning | None:
    """A heading asked as a question ("Hur?", "Vem?", "Vad visade kontrollen?"): the question
    word, or a verb after it, names the field (questions.tsv)."""
    words = fold(text).split()
    if not words:
        return None
    for question, verb, field in _questions():
        n = len(question)
        if words[:n] != question:
            continue
        rest = words[n:]
        if verb and not any(_is_verb(w, verb) for w in rest):
            continue
        why = f"question '{' '.join(question)}'" + (f" with '{verb}'" if verb else "")
        return Meaning(field, None, 450, "question", why, True)
    return None


def derived_meaning(text: str) -> Meaning | None:
    """Steps 2-6: the vocabulary's phrases in other forms of the same words."""
    forms = _forms()
    key = fold(text)
    if not key:
        return None
    hit = forms["folded"].get(key)
    if hit:
        return Meaning(hit[1], hit[2], 400, "folded", f"same word as '{hit[0]}'", True)
    hit = forms["stemmed"].get(_stems(text))
    if hit:
        return Meaning(hit[1], hit[2], 350, "stem", f"same stem as '{hit[0]}'", True)
    words = key.split()
    printed = normalise_heading(text).split()
    shown = dict(zip(words, printed)) if len(printed) == len(words) else {}
    # A heading's main word is usually its first noun ("Kontrollfrekvens per år") or, in
    # Swedish compounds, the last part of a word: try each word, longest known head first.
    for word in words[:3]:
        hit = _compound_head(word)
        if hit:
            return Meaning(hit[1], hit[2], 300, "compound",
                           f"compound head '{hit[0]}' of '{shown.get(word, word)}'",
                           len(words) == 1)
        hit = forms["stemmed"].get(stem(word)) if len(word) >= COMPOUND_MIN_HEAD else None
        if hit and len(words) <= 4:
            # "Vidtagna åtgärder": a modifier and the head word, the whole label's meaning.
            return Meaning(hit[1], hit[2], 250, "stem",
                           f"word '{shown.get(word, word)}' has the stem of '{hit[0]}'",
                           len(words) <= 2 and word == words[-1])
    if len(key) >= FUZZY_MIN_CHARS:
        best = process.extractOne(key, list(forms["folded"]), scorer=fuzz.ratio,
                                  score_cutoff=FUZZY_CUTOFF)
        if best:
            hit = forms["folded"][best[0]]
            return Meaning(hit[1], hit[2], 200, "fuzzy",
                           f"close spelling of '{hit[0]}' ({best[1]:.0f}%)")
    # Last, a compound whose first part is known ("Kontrollinsats", "Resultatbeskrivning"):
    # weaker than its head, but the modifier often names the field where the head is generic.
    for word in words[:2]:
        hit = _compound_modifier(word)
        if hit:
            return Meaning(hit[1], hit[2], 180, "compound",
                           f"compound starting with '{hit[0]}': '{shown.get(word, word)}'",
                           len(words) == 1)
    return None


def _compound_head(word: str):
    single = _forms()["single"]
    best = None
    for form, entry in single.items():
        if len(word) - len(form) >= COMPOUND_MIN_MODIFIER and (
                word.endswith(form) or stem(word).endswith(stem(form))):
            if best is None or len(form) > len(best[0]):
                best = (form, entry)
    if best is None:
        return None
    return best[1]


def _compound_modifier(word: str):
    single = _forms()["single"]
    best = None
    for form, entry in single.items():
        if len(form) >= COMPOUND_MIN_MODIFIER_PREFIX and len(word) - len(form) >= COMPOUND_MIN_HEAD \
                and word.startswith(form):
            if best is None or len(form) > len(best[0]):
                best = (form, entry)
    return best[1] if best else None


def label_meaning(text: str) -> Meaning | None:
    """The field a paragraph label ("Resultat", "Iakttagelser") names."""
    norm = normalise_heading(text)
    field = paragraph_labels().get(norm)
    if field is not None:
        return Meaning(field, None, 2000, whole=True)
    return heading_meaning(text)


# ---------------------------------------------------------------- column content

_INTEGER = re.compile(r"^\d{1,2}$")
_DATE = re.compile(r"^(?:\d{4}-\d{2}(?:-\d{2})?|\d{1,2}/\d{1,2}(?:[-/]\d{2,4})?|"
                   r"(?:\d{1,2}\s+)?[a-zåäö]+\s+\d{4}|v(?:ecka)?\.?\s*\d{1,2}|q[1-4](?:\s+\d{4})?)$")
RISK_VALUE_MAX = 25        # 5x5 probability x consequence
SHORT_WORDS = 5
SHARE = 0.6                # share of a column's values that must show a kind
FREE_TEXT_WORDS = 6        # mean words per cell of a column of sentences


def _share(values: list[str], test) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


def _has_word(kind: str, value: str, heads: bool = False) -> bool:
    """value holds a word of the kind; heads: or a compound ending in one ("Gatuchef")."""
    words = value_words(kind)
    key = fold(value)
    tokens = key.split()
    if any(t in words for t in tokens):
        return True
    if heads and any(t.endswith(w) for t in tokens for w in words
                     if len(w) >= COMPOUND_MIN_HEAD and " " not in w):
        return True
    return any(" " in w and re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", key) for w in words)


def is_yes_no(value: str) -> bool:
    return fold(value).split(" ")[0] in value_words("yes_no") if value.strip() else False


def is_risk_value(value: str) -> bool:
    v = value.strip()
    return bool(_INTEGER.match(v)) and 1 <= int(v) <= RISK_VALUE_MAX


def is_date(value: str) -> bool:
    v = " ".join(value.lower().split())
    if not _DATE.match(v):
        return False
    m = re.match(r"^(?:\d{1,2}\s+)?([a-zåäö]+)\s+\d{4}$", v)
    return m is None or fold(m.group(1)) in value_words("month")


def is_date_column(values: list[str]) -> bool:
    values = [v for v in values if v and v.strip()]
    return bool(values) and _share(values, is_date) >= SHARE


def content_meaning(heading: str, values: list[str], taken: set[str]) -> Meaning | None:
    """The field a column's cells suggest, where its heading's words did not decide.

    values: the column's non-empty cells below the header. taken: fields other columns hold.
    """
    values = [" ".join(v.split()) for v in values if v and v.strip()]
    if not values:
        return None
    shown = f"values such as '{values[0][:30]}'"
    if _share(values, is_yes_no) >= 0.8:
        if "follows_plan" not in taken and any(w in value_words("plan_word")
                                               for w in fold(heading).split()):
            return Meaning("follows_plan", how="content", reason=f"Ja/Nej values under a plan heading")
        return Meaning(STATUS_CELL, how="content", reason=f"Ja/Nej values ({shown}): a progress or "
                                                     f"deviation column")
    if _share(values, is_risk_value) >= 0.9 and "risk_value" not in taken:
        return Meaning("risk_value", how="content", reason=f"small integers ({shown}): a risk value")
    short = [v for v in values if len(v.split()) <= SHORT_WORDS]
    if _share(values, lambda v: _has_word("colour", v) and len(v.split()) <= 2) >= SHARE:
        return Meaning(STATUS_CELL, how="content", reason=f"colour words ({shown})")
    if _share(values, lambda v: _has_word("progress", v) and len(v.split()) <= 3) >= SHARE:
        return Meaning(STATUS_CELL, how="content", reason=f"progress or verdict words ({shown})")
    if _share(values, is_date) >= SHARE:
        return None    # a date column has no contract field: kept in extra under its heading
    if len(short) == len(values) and _share(values, lambda v: _has_word("frequency", v)) >= SHARE \
            and "frequency" not in taken:
        return Meaning("frequency", how="content", reason=f"frequency phrases ({shown})")
    if len(short) == len(values) and _share(values, lambda v: _has_word("role", v, heads=True)) >= SHARE \
            and "responsible" not in taken:
        return Meaning("responsible", how="content", reason=f"role or department names ({shown})")
    if len(short) == len(values) and "area" not in taken and len(values) >= 3 \
            and len(set(values)) < len(values) and not any(v.endswith(".") for v in values) \
            and _share(values, lambda v: any(ch.isalpha() for ch in v)) >= SHARE:
        return Meaning("area", how="content", reason=f"short names repeated down the column "
                                                      f"({shown})")
    return None


def is_status_phrase(value: str) -> bool:
    """A bare verdict or progress phrase ("Inga avvikelser", "Delvis", "Ej genomförd")."""
    return 0 < len(value.split()) <= 3 and _has_word("progress", value)


RISK_STATEMENT_WORDS = 7     # a title this long is a sentence about a risk, not a name


def is_risk_statement(text: str) -> bool:
    """A title that states a risk ("Inköp sker utan giltigt avtal", "Betygssättningen är inte
    likvärdig"): a negation or a word of lack or error, a full stop, or sentence length;
    a short name without them ("Handkassor") names a process."""
    line = " ".join(text.split())
    return bool(line) and (line.endswith(".") or len(line.split()) >= RISK_STATEMENT_WORDS
                           or _has_word("risk_word", line))


def is_risk_level_text(value: str, colours: bool = False) -> bool:
    """A risk level as printed ("Hög", "Medel"; colours only where the table rates risks)."""
    return len(value.split()) <= 3 and (_has_word("risk_level", value)
                                         or colours and _has_word("colour", value))


def is_risk_level_column(values: list[str], colours: bool = False) -> bool:
    values = [v for v in values if v and v.strip()]
    return bool(values) and _share(values, lambda v: is_risk_level_text(v, colours)) >= SHARE


def is_distinct_names(values: list[str]) -> bool:
    """Short names, each row its own (a process), unlike an area repeated down a column."""
    values = [" ".join(v.split()) for v in values if v and v.strip()]
    return len(values) >= 3 and len(set(values)) == len(values) and all(
        len(v.split()) <= SHORT_WORDS and not v.endswith(".") for v in values)


def free_text_meaning(values: list[str], taken: set[str]) -> Meaning | None:
    """A column of sentences under an unknown heading, in a control table that lacks a
    result: most likely what the control found (the status is read from it). Other free
    text stays in extra: a comment or a legal reference cannot be told apart by content."""
    values = [v for v in values if v and v.strip()]
    if not values or "result" in taken or ("control" not in taken and "risk" not in taken):
        return None
    if sum(len(v.split()) for v in values) / len(values) < FREE_TEXT_WORDS:
        return None
    return Meaning("result", how="content", reason="free text in a table without a result column")
