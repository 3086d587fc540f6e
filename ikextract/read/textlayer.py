"""Is a PDF page's text layer usable, missing, or bad? Measured, cheaply, per page.

Three figures over the page's words (letters only, at least two, up to SAMPLE of them spread
over the page so a long page costs no more than a short one):
- known: the share the Swedish lexicon knows (ikextract.text.ocr_repair.Lexicon);
- lost: the share unknown as printed that become Swedish words once å/ä/ö are put back
  ("paborjad", "Lépande", "l&rande"), plus, over the whole sample, how few words carry an
  å, ä or ö at all (Swedish prose has one in four or five);
- odd: the share holding characters no Swedish text has ("l&rande", "I6pande", "Ã¤").
A page with no words (or next to none) has no layer: "none". A page whose words carry å/ä/ö
as Swedish does (CLEARLY_SWEDISH) and nothing odd is "usable" without the lexicon: that is
every born-digital page, at the cost of a regular expression. Otherwise the lexicon
measures: "bad" when too few words are known, or letters are plainly lost or odd. The verdict and
its figures are one line for the report's warnings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ikextract.geometry.page import PageGeometry

SAMPLE = 240
# Fewer letters than this on a page: no text layer worth the name.
MIN_LETTERS = 20
# Thresholds, calibrated on the fixtures: born-digital pages know >= 0.85 of their words
# and lose none; English-OCR layers of Swedish scans know 0.55-0.75 and lose 0.1-0.3.
MIN_KNOWN = 0.78
MAX_LOST = 0.06
MAX_ODD = 0.05
# Below this share of known words a layer is garbage whatever else it shows.
GARBAGE_KNOWN = 0.5
# Below this share of words with å/ä/ö over at least MIN_WORDS_FOR_LETTERS words, the
# layer has dropped them (they would be one word in five in Swedish prose).
MIN_SWEDISH_LETTERS = 0.04
MIN_WORDS_FOR_LETTERS = 25
# At least this share of words with å/ä/ö (and nothing odd): Swedish text as written, no
# lexicon needed to say so. English-OCR layers of Swedish scans have none at all.
CLEARLY_SWEDISH = 0.08

_WORD = re.compile(r"[^\W\d_]{2,}(?:[-'][^\W\d_]+)*", re.UNICODE)
_TOKEN = re.compile(r"\S+")
# Characters inside a word that Swedish does not write: OCR for ä/ö, mojibake, digits in
# the middle of letters.
_ODD = re.compile(r"(?<=[^\W\d_])[&@#$¢£©®°±µ¶§|\\~^`´¨ÃÂ¤€]|[ÃÂ][\x80-\xbf¤¥¶]"
                  r"|(?<=[^\W\d_])[0-9](?=[^\W\d_])|[ýÿþðßøæœõ]", re.IGNORECASE)
_SWEDISH = re.compile(r"[åäöÅÄÖ]")


@dataclass(frozen=True)
class LayerQuality:
    verdict: str            # "usable", "none", "bad"
    words: int              # words measured
    known: Optional[float]  # None: not measured (Swedish letters in place, nothing odd)
    lost: Optional[float]
    odd: float
    swedish_letters: float
    reason: str = ""

    @property
    def needs_ocr(self) -> bool:
        return self.verdict != "usable"

    def describe(self, number: int) -> str:
        if self.verdict == "none":
            return f"page {number}: no text layer"
        figures = (f"{self.known:.0%} of {self.words} words known to the Swedish lexicon, "
                   f"{self.lost:.0%} missing å/ä/ö, {self.odd:.0%} with characters "
                   f"Swedish does not use, {self.swedish_letters:.0%} with å/ä/ö")
        return f"page {number}: text layer {self.verdict} ({self.reason}; {figures})"


def _sample(tokens: list[str], n: int = SAMPLE) -> list[str]:
    if len(tokens) <= n:
        return tokens
    step = len(tokens) / n
    return [tokens[int(i * step)] for i in range(n)]


def assess(page: PageGeometry, lex=None) -> LayerQuality:
    """The verdict on one page's text layer, with the figures behind it."""
    text_tokens = [t for w in page.words for t in _TOKEN.findall(w.text)]
    letters = sum(c.isalpha() for t in text_tokens for c in t)
    if letters < MIN_LETTERS:
        return LayerQuality("none", len(text_tokens), 0.0, 0.0, 0.0, 0.0, "no words")
    tokens = _sample(text_tokens)
    odd = sum(1 for t in tokens if _ODD.search(t))
    words = [m.group(0) for t in tokens for m in [_WORD.search(t)] if m]
    if not words:
        return LayerQuality("bad", 0, 0.0, 0.0, odd / len(tokens), 0.0, "no words in letters")
    swedish = sum(1 for w in words if _SWEDISH.search(w)) / len(words)
    if len(words) >= MIN_WORDS_FOR_LETTERS and swedish >= CLEARLY_SWEDISH \
            and odd / len(tokens) <= MAX_ODD / 2:
        # å/ä/ö where Swedish has them and nothing odd: a born-digital layer. Said without
        # the lexicon, so reading a born-digital PDF costs next to nothing more.
        return LayerQuality("usable", len(words), None, None, odd / len(tokens), swedish,
                            "Swedish letters in place")
    from ikextract.text.ocr_repair import lexicon, lost_letters
    lex = lex or lexicon()
    # A capitalised word may be a name the lexicon lacks: it counts only when known.
    judged = [w for w in words if not (w[:1].isupper() and not lex.known(w))] or words
    known = sum(1 for w in judged if lex.known(w)) / len(judged)
    lost = sum(1 for t in tokens if any(c in t for c in "&6éèëáàóòôõü")
               or (not _SWEDISH.search(t) and lost_letters(t, lex))) / len(tokens)
    odd_share = odd / len(tokens)
    reasons = []
    # Few known words alone may be names, abbreviations or another language: it takes a
    # sign of OCR damage too (letters lost or odd), unless hardly anything is a word.
    damaged = lost > MAX_LOST or odd_share > MAX_ODD \
        or (len(words) >= MIN_WORDS_FOR_LETTERS and swedish < MIN_SWEDISH_LETTERS)
    if known < MIN_KNOWN and (damaged or known < GARBAGE_KNOWN):
        reasons.append(f"only {known:.0%} of words known")
    if lost > MAX_LOST:
        reasons.append(f"{lost:.0%} of words missing å/ä/ö")
    if len(words) >= MIN_WORDS_FOR_LETTERS and swedish < MIN_SWEDISH_LETTERS:
        reasons.append(f"only {swedish:.0%} of words with å/ä/ö")
    if odd_share > MAX_ODD:
        reasons.append(f"{odd_share:.0%} of words with characters Swedish does not use")
    verdict = "bad" if reasons else "usable"
    return LayerQuality(verdict, len(judged), known, lost, odd_share, swedish,
                        "; ".join(reasons) or "Swedish text")
