"""The surface of a scanned or clipped text, repaired on the tokens before the rules read them:
words glued together ("Ejpåbörjad", "godkänd.Brister", "Utf.u.anm"), one word cut by a scan's
mark ("avvil<elser") or by a hyphen whose line break was lost ("pa- går").

Every repair keeps the text as it is: a token is split or merged where it stands (spaCy's
retokenizer), so offsets still point into the original and evidence is quoted from it. What a
piece means is OcrRepair's (normalize.py) reading of it.
"""
from __future__ import annotations


from spacy.tokens import Doc

from .normalize import OcrRepair, fold
from .tokens import plain_tokens

# what a scan puts inside a word and the tokenizer then cuts at: "avvil<elser"
SCAN_MARKS = frozenset("<>|!()[]{}/\\'")
MERGE_TOKENS = 3          # "avvil", "<", "elser"
SPACED_PIECES = 12        # "a v v i k e l s e r": a word cut into pieces (_spaced_run)
SPACED_PIECE_LETTERS = 4
SPACED_WORD_LETTERS = 5


def repair_tokens(doc: Doc, text: str, repair: OcrRepair, toks: list) -> list:
    """Split glued tokens, merge cut ones and join hyphen halves, in place; text is the
    printed text the doc was made from (same length), for case and diacritics. toks:
    plain_tokens(doc); returns plain_tokens(doc) as it is after. The
    passes read plain tokens (a spaCy token's attributes are each a lookup, and each
    doc[i] makes a new one); they are made again only where a pass changed the doc."""
    for step in (_split_glued, _merge_dotted, _merge_cut, _join_halves):
        if step(doc, toks, text, repair):
            toks = plain_tokens(doc)
    return toks


def _merge(doc: Doc, spans: list) -> bool:
    """Merge each (span, word) into one token read as the word; whether any was merged."""
    if not spans:
        return False
    with doc.retokenize() as retokenizer:
        for span, _ in spans:
            retokenizer.merge(span)
    words = {span.start_char: word for span, word in spans}
    for token in doc:
        if token.idx in words:
            token.norm_ = words[token.idx]
    return True


def _raw(token, text: str) -> str:
    return text[token.idx:token.idx + len(token.text)]


def _split_glued(doc: Doc, toks: list, text: str, repair: OcrRepair) -> bool:
    splits = []
    for token in toks:
        if token.is_space or token.is_punct or len(token.text) < 4 or token.like_num:
            continue
        if token.norm_ in repair.vocabulary:
            continue
        pieces = repair.glued(_raw(token, text))
        if pieces:
            splits.append((token, pieces))
    if not splits:
        return False
    norms = {}
    with doc.retokenize() as retokenizer:
        for token, pieces in splits:
            at = token.idx
            for piece in pieces:
                norms[at] = repair(piece)
                at += len(piece)
            view = doc[token.i]
            retokenizer.split(view, [fold(p) for p in pieces], heads=[(view, 0)] * len(pieces))
    for token in doc:
        if token.idx in norms:
            token.norm_ = norms[token.idx]
    return True


def _merge_dotted(doc: Doc, toks: list, text: str, repair: OcrRepair) -> bool:
    """"konst.": a short form that is a short form only with its dot (abbreviations.tsv),
    whose dot the tokenizer took for a sentence end."""
    return _merge(doc, [(doc[t.i:t.i + 2], repair.dotted[t.text + "."]) for t in toks[:-1]
                        if not t.whitespace_ and toks[t.i + 1].text == "." and t.is_alpha
                        and t.text + "." in repair.dotted])


def _merge_cut(doc: Doc, toks: list, text: str, repair: OcrRepair) -> bool:
    spans = []
    i, n = 0, len(toks)
    while i < n:
        found = None
        # (a cut word's first piece is followed by a mark, not a space)
        if (not toks[i].whitespace_ and toks[i].is_alpha
                and toks[i].norm_ not in repair.vocabulary):
            for j in range(i + 2, min(i + MERGE_TOKENS, n - 1) + 1):
                run = toks[i:j + 1]
                if any(t.whitespace_ for t in run[:-1]) or not all(
                        t.is_alpha or set(t.text) <= SCAN_MARKS for t in run):
                    break
                if not run[-1].is_alpha:
                    continue
                word = repair(text[run[0].idx:run[-1].idx + len(run[-1].text)])
                if word in repair.vocabulary:
                    found = (j, word)
                    break
        if found is None:
            i += 1
            continue
        spans.append((doc[i:found[0] + 1], found[1]))
        i = found[0] + 1
    return _merge(doc, spans)


def _join_halves(doc: Doc, toks: list, text: str, repair: OcrRepair) -> bool:
    """One word in two tokens, merged into one token read as the word (so a phrase it is
    inside still matches, and the line break inside it is no line break): a hyphen whose
    line break was lost or kept ("pa- går", "In-\nga"), a space a scan put in ("in te",
    "Avvikel ser")."""
    spans = []
    i, n = 0, len(toks)
    while i < n - 1:
        token, found = toks[i], None
        rest = toks[i + 1]
        if token.text.endswith("-") and len(token.text) > 2:
            if rest.is_space and "\n" in rest.text and i + 2 < n:
                rest = toks[i + 2]           # "avvikel-\nse": the line break kept
            elif not token.whitespace_:
                rest = None                  # "kontroll-moment": a word's own hyphen
            if rest is not None and rest.is_alpha:
                found = repair.hyphen_joined(_raw(token, text)[:-1], _raw(rest, text))
        elif token.is_alpha and token.whitespace_ == " " and rest.is_alpha:
            # (a run needs three short pieces one space apart: most words are not)
            run = (_spaced_run(toks, i, text, repair) if len(token.text) <= SPACED_PIECE_LETTERS
                   and len(rest.text) <= SPACED_PIECE_LETTERS and rest.whitespace_ == " "
                   and i + 2 < n and toks[i + 2].is_alpha
                   and len(toks[i + 2].text) <= SPACED_PIECE_LETTERS else None)
            if run is not None:
                rest, found = run
            else:
                found = repair.space_joined(_raw(token, text), _raw(rest, text))
        if found is None:
            i += 1
            continue
        spans.append((doc[i:rest.i + 1], found))
        i = rest.i + 1
    return _merge(doc, spans)


def _spaced_run(toks: list, i: int, text: str, repair: OcrRepair):
    """"av vi kel ser", "I n g a": a word a scan cut into three pieces or more (letters
    spaced out), each short, one space apart, that together are a vocabulary word: (the
    run's last token, the word), the longest such run, or None. Short pieces that happen to
    make a word together are too rare in running text to fear."""
    pieces = []
    for t in toks[i:i + SPACED_PIECES]:
        if not (t.is_alpha and len(t.text) <= SPACED_PIECE_LETTERS):
            break
        pieces.append(t)
        if t.whitespace_ != " ":
            break
    for k in range(len(pieces), 2, -1):
        joined = "".join(_raw(t, text) for t in pieces[:k])
        word = repair.strict(joined)
        letters = all(len(t.text) == 1 for t in pieces[:k])      # "I n g a": spaced out
        if len(word) >= (3 if letters else SPACED_WORD_LETTERS) and word in repair.vocabulary:
            return pieces[k - 1], word
    return None
