"""A bare share or count of a control's positive outcome, with no goal and no cue word
("94 % av utbetalningarna gjordes i tid", "Vid 9 av 10 tillfällen var kassan avstämd"): the
contract reads these as findings where all should have, so everything short of all is a
deviation (minor from 90 %), and all of them is an all-clear, said less surely than a rule
that read the words of the finding. Only for texts the rules leave open."""
from __future__ import annotations

from typing import Optional

from .doubt import all_clear_doubt, _find, _vocabulary
from .windows import UNKNOWN_CODE as UNKNOWN

PERCENT_WORDS = frozenset(("%", "procent"))
# a percentage is a share of something only with "av" or "andel" ("94 % av fakturorna",
# "Andelen ... var 81 %"); "Sjukfrånvaron var 7,4 %" is a statistic, not a finding
SHARE_WORDS = frozenset(("av", "andel", "andelen", "andelar"))
# the counted things are parts of the control itself: progress, not a finding
PART_WORDS = frozenset(("delmoment", "delmomenten", "moment", "momenten", "steg", "stegen",
                        "delar", "delarna", "etapper", "etapperna", "aktiviteter",
                        "aktiviteterna"))
MINOR_FROM = 90.0
TOTAL_FIRST_WINDOW = 8     # words from "av N" to the count of it
CONFIDENCE = {"inga_avvikelser": 0.7, "mindre_avvikelser": 0.6, "avvikelser": 0.65,
              "okand": 0.6, "pagar": 0.6}


def shares_in(doc, rules) -> list[float]:
    toks = [t for t in doc if not t.is_space]
    norms = {t.norm_ for t in toks}
    out = []
    if norms & rules.sample_words:
        return out     # "Stickprovet motsvarade 10 % av ärendena"
    percent_is_share = bool(norms & SHARE_WORDS) or any(n.startswith("andel") for n in norms)
    for k, t in enumerate(toks):
        if t.norm_ == "av":
            # "Av de 48 granskade resorna var 45 bokade via upphandlad resebyrå"
            total_at = k + 1
            while total_at < len(toks) and toks[total_at].norm_ in ("de", "totalt", "dessa"):
                total_at += 1
            total = rules.value(toks[total_at]) if total_at < len(toks) else None
            if total and total > 1 and toks[total_at].like_num:
                for m in toks[total_at + 1:total_at + 1 + TOTAL_FIRST_WINDOW]:
                    if m.is_punct:
                        break
                    v = rules.value(m) if m.like_num else None
                    if v is not None and v <= total and m.i + 1 < len(doc) \
                            and doc[m.i + 1].norm_ not in PERCENT_WORDS:
                        out.append(100.0 * v / total)
                        break
            continue
        nxt = toks[k + 1].norm_ if k + 1 < len(toks) else ""
        v = rules.value(t)
        if v is None:
            continue
        if k > 0 and toks[k - 1].norm_ == "fran" and any(
                m.norm_ == "till" for m in toks[k + 1:k + 4]):
            continue   # "ökade från 88 % till 100 %": where the change started
        if nxt in PERCENT_WORDS and t.like_num and 0 <= v <= 100 and percent_is_share:
            out.append(v)
        elif nxt == "av" and k + 2 < len(toks):
            total = rules.value(toks[k + 2])
            # "9 av 10", "sju av tio"; not "en av de ..." (no total)
            if total and total >= v and total > 1:
                out.append(100.0 * v / total)
    return out


def _sample_size(doc, rules) -> Optional[float]:
    """A percentage of a sample ("Stickprovet omfattade 15 % av ärendena"): its size, which
    says nothing of what it found."""
    toks = [t for t in doc if not t.is_space]
    if not {t.norm_ for t in toks} & rules.sample_words:
        return None
    for k, t in enumerate(toks[:-1]):
        if toks[k + 1].norm_ in PERCENT_WORDS and rules.value(t) is not None:
            return rules.value(t)
    return None


def bare_share(doc, rules) -> Optional[tuple[str, float, float]]:
    """(code, confidence, the share) or None; okand for the size of a sample."""
    size = _sample_size(doc, rules)
    if size is not None:
        return "okand", CONFIDENCE["okand"], size
    shares = shares_in(doc, rules)
    if not shares:
        return None
    if {t.norm_ for t in doc} & PART_WORDS:
        # "Två av fyra delmoment är klara": the parts of the control itself, so progress
        # while any is left, and no finding when all are done
        return (UNKNOWN, CONFIDENCE["okand"], min(shares)) if min(shares) >= 100.0 else (
            "pagar", CONFIDENCE["pagar"], min(shares))
    norms = [t.norm_ for t in doc if not t.is_space]
    if _find(norms, _vocabulary().get("uncertain", {}), set()):
        return None          # "Svarsfrekvensen var 22 %, vilket gör resultatet osäkert"
    share = min(shares)
    if share >= 100.0:
        if all_clear_doubt(doc) is not None:
            return None
        code = "inga_avvikelser"
    elif share >= MINOR_FROM:
        code = "mindre_avvikelser"
    else:
        code = "avvikelser"
    return code, CONFIDENCE[code], share
