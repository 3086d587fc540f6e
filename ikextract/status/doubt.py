"""The cost-weighted guard on an all-clear: "inga_avvikelser" only where the text says so
and nothing else in it speaks of a deviation, a shortfall, a part left to do or an
uncertainty (clear_doubts.tsv). A false all-clear is the costliest error, so a doubt turns the
all-clear into the code that does not hide it (or okand), at a lower confidence."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .evidence import DEVIATION_CODES
from .normalize import fold
from .windows import SENTENCE_ENDS, SUBJECT_NEGATORS
from .vocabulary import read_tsv
from .tokens import tokens_of

# What a doubt makes of an all-clear: (code, confidence).
OUTCOME = {
    "contrast_negative": ("avvikelser", 0.6),   # "..., dock inte på helger"
    "shortfall": ("avvikelser", 0.6),
    "improvement": ("mindre_avvikelser", 0.55),
    "uncertain": ("okand", 0.5),
    "remaining": ("pagar", 0.55),
    "reason_negative": ("okand", 0.5),          # "..., då inga inköp gjordes"
    "not_done": ("ej_utford", 0.55),
    "negation_apart": ("okand", 0.5),
    "exception": ("mindre_avvikelser", 0.55),
    "exception_negative": ("avvikelser", 0.55),   # "..., utom ett där beslut saknades"
    "concession": ("mindre_avvikelser", 0.5),
    "occurrence": ("mindre_avvikelser", 0.55),  # "Rutinen följs. Viss eftersläpning förekommer"
    "contrast": ("okand", 0.5),
}
NEGATION_OUTSIDE_CAP = 0.8
CONTRAST_BEFORE_CAP = 0.7   # a caveat before the all-clear: it stands, said less surely  # another negation in the text: a double negative is easy to misread
LATER_STEP = ("paborja", "startat", "inlett")
MODALS = frozenset(("bor", "ska", "skall", "kommer", "kan", "behover", "maste"))
COVERAGE_NOUNS = frozenset(("kontrollen", "granskningen", "stickprovet", "stickproven",
                            "urvalet", "genomgangen", "uppfoljningen", "inventeringen"))
VERB_NEGATORS = frozenset(("inte", "ej", "icke", "aldrig"))
# "behöver inte ändras", "krävs inte": a negation that says nothing is wrong
HARMLESS_AFTER_NEGATION = ("behov", "krav", "foranled", "andra", "aktuell", "nodvandig")
UNFINISHED = ("avslutad", "avslutat", "klar", "slutford", "slutfort", "fardig", "fullbordad")
PRECEDENCE = ("not_done", "shortfall", "contrast_negative", "exception_negative",
              "reason_negative", "uncertain", "remaining", "exception", "concession",
              "improvement", "occurrence")


@dataclass(frozen=True)
class Doubt:
    kind: str
    word: str
    code: Optional[str]       # None: keep the all-clear, at most cap
    cap: float


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, dict[str, list[tuple[str, ...]]]]:
    """kind -> first word -> the phrases (word tuples) starting with it."""
    out: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    for r in read_tsv("clear_doubts.tsv"):
        words = tuple(fold(r["words"]).split())
        out.setdefault(r["kind"], {}).setdefault(words[0], []).append(words)
    return out


def _find(norms: list[str], phrases, skip: set) -> list[tuple[int, str]]:
    found = []
    if not phrases:
        return found
    for i, norm in enumerate(norms):
        starting = phrases.get(norm)
        if starting is None or i in skip:
            continue
        for words in starting:
            if tuple(norms[i:i + len(words)]) == words:
                found.append((i, " ".join(words)))
    return found


NEGATED_WINDOW = 8           # words from a negator to what it is judged as
NEGATIVE_ENDS = ("skadlig", "stridig", "vidrig", "stridande")   # "förtroendeskadlig"
NOTHING_TO = ("atgarda", "anmarka", "notera", "invanda", "papeka", "rapportera")


def _negates_a_deviation(norms, sentence_of, j: int) -> bool:
    """"visade inga felregistreringar", "Inget att åtgärda", "Ingen bisyssla har bedömts som
    förtroendeskadlig": a negation of a deviation word, itself an all-clear, no doubt."""
    if norms[j] not in ("inga", "ingen", "inget", "ingenting"):
        return False
    from .rules import get_rules
    rules = get_rules()
    after = [w for w, s in zip(norms[j + 1:], sentence_of[j + 1:]) if s == sentence_of[j]]
    if len(after) >= 2 and after[0] == "att" and after[1] in NOTHING_TO:
        return True
    # the negated noun itself ("inga felregistreringar", "inga allvarliga fel"), or what it
    # is judged as ("Ingen bisyssla har bedömts som förtroendeskadlig"); not an object further
    # on ("Ingen uppföljning har gjorts av felen")
    if any(rules._cue_kind(w) == "deviation" for w in after[:2]):
        return True
    return any(w.rstrip("at").endswith(NEGATIVE_ENDS) and any(
        x in ("som", "vara", "var", "ar", "varit") for x in after[max(0, k - 3):k])
               for k, w in enumerate(after[:NEGATED_WINDOW]))


def _in_earlier_year_clause(norms, sentence_of, j: int) -> bool:
    """"..., till skillnad från föregående år då fyra ärenden saknade dokumentation": a
    clause of when headed by an earlier year speaks of that year."""
    from .rules import get_rules
    past = get_rules().past_words_after
    for k in range(j - 1, -1, -1):
        if sentence_of[k] != sentence_of[j]:
            return False
        if norms[k] in ("da", "nar"):
            # an earlier year named, or a year set against this one ("till skillnad från 2023")
            before = [w for w, s in zip(norms[:k], sentence_of[:k]) if s == sentence_of[j]]
            return any(w in past for w in norms[max(0, k - 3):k]) or (
                bool(re.fullmatch(r"(19|20)\d\d", norms[k - 1]))
                and any(w in ("skillnad", "jamfort", "jamforelse") for w in before))
    return False


def all_clear_doubt(doc, clear_spans=()) -> Optional[Doubt]:
    """The strongest doubt on an all-clear read in doc (clear_spans: character spans of the
    all-clear's own words, which do not count), or None."""
    vocab = _vocabulary()
    tokens = tokens_of(doc)      # (no spaces within a line)
    norms = [t.norm_ for t in tokens]
    skip = {k for k, t in enumerate(tokens) if any(a <= t.idx < b for a, b in clear_spans)}
    sentence_of, s = [], 0
    for k, t in enumerate(tokens):
        sentence_of.append(s)
        if t.text in SENTENCE_ENDS or "\n" in t.text:
            s += 1
    found = {}
    negators = {w for w, phrases in vocab.get("negation", {}).items() if (w,) in phrases}
    for kind in ("shortfall", "uncertain", "remaining", "improvement", "exception",
                 "concession", "occurrence"):
        # "behöver inte förändras", "inte oklart": a negated doubt is none
        hits = [(i, w) for i, w in _find(norms, vocab.get(kind, {}), skip)
                # "Slutsats: Kontrollmomentet fungerar väl": a label, no doubt
                if not (i + len(w.split()) < len(norms) and norms[i + len(w.split())] == ":")
                and (kind in ("exception", "concession") or not (
                    (i + len(w.split()) < len(norms) and norms[i + len(w.split())] in negators)
                    or (i > 0 and norms[i - 1] in negators)))]
        if kind == "occurrence":
            # "Inga dubbla utbetalningar förekom": what did not occur is no doubt
            hits = [(i, w) for i, w in hits if not any(
                norms[j] in SUBJECT_NEGATORS and sentence_of[j] == sentence_of[i]
                for j in range(max(0, i - 5), i))]
        if kind == "improvement":
            # "Kontrollen visar förbättringar jämfört med förra året": progress made, not
            # improvement needed
            hits = [(i, w) for i, w in hits if not any(
                n in ("jamfort", "sedan") for n in norms[i + 1:i + 3])]
        if kind == "remaining":
            # "Uppdatering av rutinen har ännu inte påbörjats": a later step not started (the
            # contract's near miss), not a part of the control left to do
            from .rules import get_rules
            later = get_rules().later_steps
            hits = [(i, w) for i, w in hits if not (
                i + len(w.split()) < len(norms)
                and norms[i + len(w.split())].startswith(LATER_STEP))
                # "En revidering av rutinen har påbörjats": a later step's progress
                and not any(norms[j] in later for j in range(i) if sentence_of[j] == sentence_of[i])]
        if hits:
            found[kind] = hits[0][1]
    # the words of the all-clear count here: "Ingen kontroll av avvikelser har gjorts"
    not_done = _find(norms, vocab.get("not_done", {}), set())
    if not_done:
        found["not_done"] = not_done[0][1]
    negations = _find(norms, vocab.get("negation", {}), skip)
    if negations:
        # "Vid förra årets kontroll saknades attest ... Årets kontroll visade att samtliga
        # var attesterade": an earlier year's finding is context, no doubt on this year's
        from .rules import get_rules
        earlier = get_rules().earlier_year_sentences(norms, sentence_of)
        negations = [(j, w) for j, w in negations if sentence_of[j] not in earlier
                     and not _in_earlier_year_clause(norms, sentence_of, j)
                     # "Inga brister noterades, inte heller vid uppföljningen": not either
                     and not (j + 1 < len(norms) and norms[j + 1] == "heller")]
    for kind in ("contrast", "reason", "exception"):
        for k, word in _find(norms, vocab.get(kind, {}), skip):
            # the clause: from the contrast or reason word to the end of its sentence
            clause = [j for j, _ in negations if j > k and sentence_of[j] == sentence_of[k]]
            if clause and kind == "contrast" and all(
                    j + 1 < len(norms) and norms[j + 1].startswith(UNFINISHED) for j in clause):
                # "Ingen avvikelse hittills, men kontrollen är inte avslutad": not finished
                found.setdefault("remaining", word)
                break
            if clause and kind == "contrast" and any(
                    norms[j] in COVERAGE_NOUNS for j in range(k, len(norms))
                    if sentence_of[j] == sentence_of[k]):
                # "Inga avvikelser, men kontrollen har inte omfattat alla enheter": what the
                # control covered, not a deviation: the all-clear is unsure
                found.setdefault("uncertain", word)
                break
            if clause:
                found.setdefault(kind + "_negative", word)
                break
    for kind in PRECEDENCE:
        if kind in found:
            code, conf = OUTCOME[kind]
            return Doubt(kind, found[kind], code, conf)
    contrasts = _find(norms, vocab.get("contrast", {}), skip)
    if contrasts and skip and min(k for k, _ in contrasts) < min(skip):
        # "Åtgärden är ej påbörjad, men kontrollen är genomförd utan avvikelser": what comes
        # after the contrast weighs most, and that is the all-clear
        return Doubt("contrast_before", contrasts[0][1], None, CONTRAST_BEFORE_CAP)
    if contrasts:
        k = contrasts[0][0]
        after = norms[k + 1:k + 4]
        if (any(w in COVERAGE_NOUNS for w in after[:2]) and any(w in MODALS for w in after)
                or _advice_clause(norms[k + 1:], sentence_of[k + 1:])):
            # "Ingen avvikelse – men kontrollen bör utökas nästa år": advice on the control;
            # "Inga avvikelser, men rutinen kommer att ses över inför nästa år", "Dock
            # påminns cheferna om att spara underlagen framöver": what is to come; no caveat
            # on its finding either way
            return Doubt("contrast_advice", contrasts[0][1], None, CONTRAST_BEFORE_CAP)
    if contrasts:
        # "Samtliga avtal fanns, men för sex av dem var giltighetstiden passerad": a contrast
        # clause after an all-clear nearly always carries a caveat the words here do not
        # name; okand costs less than a false all-clear
        return Doubt("contrast", contrasts[0][1], *OUTCOME["contrast"])
    if negations:
        clear_sentences = {sentence_of[k] for k in skip}
        # "Nästa steg är ej påbörjat": a later step not started (the contract's near miss)
        from .rules import get_rules
        later = get_rules().later_steps
        later_sentences = {sentence_of[j] for j, w in enumerate(norms) if w in later}
        apart = [(j, w) for j, w in negations if sentence_of[j] not in clear_sentences
                 and not (j + 1 < len(norms) and norms[j + 1].startswith(LATER_STEP))
                 and sentence_of[j] not in later_sentences   # "Nästa kontroll är inte planerad"
                 and not _negates_a_deviation(norms, sentence_of, j)]
        if apart and clear_sentences:
            # "Samtliga bilar hade körjournal. I två av dem var den inte ifylld.": a sentence of
            # its own with a negation, after or before the all-clear, may be the deviation
            return Doubt("negation_apart", apart[0][1], *OUTCOME["negation_apart"])
        # a verb's negation in a clause of its own after a comma ("Rutinen följs, en chef
        # kände inte till den"): the same doubt as a sentence apart
        clause_of, c = [], 0
        for t in tokens:
            clause_of.append(c)
            if t.text in SENTENCE_ENDS or t.text == "," or "\n" in t.text:
                c += 1
        clear_clauses = {clause_of[k] for k in skip}
        in_clause = [(j, w) for j, w in negations if w in VERB_NEGATORS
                     and sentence_of[j] not in later_sentences
                     and clause_of[j] not in clear_clauses
                     and not (j + 1 < len(norms) and norms[j + 1].startswith(LATER_STEP + HARMLESS_AFTER_NEGATION))]
        if in_clause and clear_clauses:
            return Doubt("negation_apart", in_clause[0][1], *OUTCOME["negation_apart"])
        return Doubt("negation", negations[0][1], None, NEGATION_OUTSIDE_CAP)
    return None


# a contrast clause of what is to come or advised: "kommer att ses över", "påminns om att
# ... framöver", "inför nästa år"
ADVICE_WORDS = frozenset(("framover", "infor", "kommande", "pamins", "paminns", "uppmanas",
                          "rekommenderas", "rekommendation", "planeras"))
ADVICE_PHRASES = (("kommer", "att"),)


def _advice_clause(norms, sentences) -> bool:
    """The contrast's sentence speaks only of what is to come: an advice or a plan word and
    no deviation or negation in it."""
    if not norms:
        return False
    from .rules import get_rules
    rules = get_rules()
    words = [w for w, s in zip(norms, sentences) if s == sentences[0]]
    if any(w in VERB_NEGATORS or w in SUBJECT_NEGATORS or rules._cue_kind(w)
           == "deviation" or w.startswith(("brist", "avvik", "fel", "sakna", "problem"))
           or w in ("endast", "bara", "enbart") for w in words):
        # ("men kontrollen avser endast första halvåret": a limit, the all-clear unsure)
        return False
    return any(w in ADVICE_WORDS for w in words) or any(
        tuple(words[j:j + len(p)]) == p for p in ADVICE_PHRASES for j in range(len(words)))


PROGRESS_COUNT_RULES = ("number:completion", "number:plan", "phrase:avvikelser:hälften")
PROGRESS_COUNT_CONFIDENCE = 0.6


def progress_count_doubt(doc, rule: str, hits=()) -> Optional[Doubt]:
    """A count or share of the plan carried out ("Tre av sex förvaltningar har lämnat
    underlag") with words saying the rest is still to come ("övriga väntas", "hittills") is
    under way, not a shortfall or a control not carried out; not where other words of the
    text report a deviation ("..., resten attesterades upp till två veckor sent")."""
    if not rule.startswith(PROGRESS_COUNT_RULES):
        return None
    if any(h.code in DEVIATION_CODES and h.strength >= 2
           and h.rule.startswith("phrase:") and not h.rule.startswith(PROGRESS_COUNT_RULES)
           for h in hits):
        return None
    norms = [t.norm_ for t in doc if not t.is_space]
    hits = _find(norms, _vocabulary().get("to_come", {}), set())
    if hits:
        return Doubt("to_come", hits[0][1], "pagar", PROGRESS_COUNT_CONFIDENCE)
    if rule.startswith("phrase:avvikelser:hälften"):
        # "Ca hälften av kontrollerna är gjorda", "En tredjedel av ärendena är granskade":
        # a share of the control's own plan, or of what it has checked so far
        from .rules import get_rules
        rules = get_rules()
        for k, w in enumerate(norms[:-1]):
            nxt = norms[k + 2] if norms[k + 1] in ("de", "dessa") and k + 2 < len(norms) \
                else norms[k + 1]
            if w == "av" and rules._planned(nxt):
                return Doubt("plan_share", nxt, "pagar", PROGRESS_COUNT_CONFIDENCE)
        for k, w in enumerate(norms[1:], 1):
            if w in rules.check_verbs and norms[k - 1] in ("ar", "har", "hade", "var", "blivit"):
                return Doubt("checked_share", w, "pagar", PROGRESS_COUNT_CONFIDENCE)
    return None
