"""Train the status text classifier and write the pipeline to models/status.

Data: data/*.tsv (text, label, source), labelled sentences written for this project. Every
fifth sentence (by a hash of its text, so the split never changes when rows are added) is
held out for evaluation and never trained on. The gold rows in ../shared/gold are not
training data either: they measure.

Training is deterministic: fixed seed, fixed order of examples, no dropout randomness beyond
the seeded generator. The classifier sees the same normalised text as at run time
(rules.StatusRules.norm_text), so OCR-damaged spellings train and classify alike.
"""
from __future__ import annotations

import csv
import hashlib
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..model import STATUS_CODES
from .rules import get_rules
from .vocabulary import HERE

DATA_DIR = HERE / "data"
HELD_OUT_EVERY = 5
FRESH_HOLDOUT = DATA_DIR / "fresh_holdout.tsv"
INDEPENDENT_HELDOUT = DATA_DIR / "heldout_independent.tsv"
# What trains and what only measures. A held-out set (heldout*.tsv), written by someone who
# never saw the rules, the model or this data, only measures until it has been measured once
# and reported; then it is development data like any other (BURNED): its words train, and its
# hash-held-out fifth joins the dev split, which nothing trains on. The classifier learns most
# from the writers it has not yet read, so every burned set trains. fresh_holdout.tsv is dev
# split only.
BURNED = ("heldout_independent.tsv", "heldout_v2.tsv", "heldout_v3.tsv", "heldout_v5.tsv")
NOT_TRAINING = ("fresh_holdout.tsv",)


def measures_only(name: str) -> bool:
    return name in NOT_TRAINING or (name.startswith("heldout") and name not in BURNED)


EPOCHS = 8
BATCH_SIZE = 16
LEARN_RATE = 0.002
CONTEXT_COPIES = 1        # each sentence is also trained inside neutral (okand) context
NEUTRAL_COMBOS = 2        # each neutral sentence also joined with 1-3 others (okand)
BOW_LENGTH = 2 ** 16      # hash table rows: keeps models/status around 1-2 MB
TEXTCAT_CONFIG = {
    "threshold": 0.5,
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": BOW_LENGTH,
    },
}


@dataclass(frozen=True)
class Labelled:
    text: str
    label: str
    source: str
    family: str = ""
    acceptable: tuple = ()       # other codes a careful reader could defend

    def accepts(self, code: str) -> bool:
        return code == self.label or code in self.acceptable


def _codes(text: str) -> tuple:
    return tuple(c for c in re.split(r"[\s|,;/]+", text or "") if c)


def read_labelled_file(f: Path) -> list[Labelled]:
    """Rows of one labelled TSV: text, label (or code), [acceptable], [family], source."""
    out = []
    with open(f, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = (r.get("label") or r.get("code") or "").strip()
            if label not in STATUS_CODES:
                raise ValueError(f"{f}: unknown label {label!r} for {r.get('text')!r}")
            acceptable = tuple(c for c in _codes(r.get("acceptable")) if c in STATUS_CODES
                               and c != label)
            out.append(Labelled((r["text"] or "").strip().replace("\\n", "\n"), label,
                                (r.get("source") or "").strip(), (r.get("family") or "").strip(),
                                acceptable))
    return out


def read_labelled(path: Optional[Path] = None) -> list[Labelled]:
    """Training data (both splits): every data/*.tsv but the sets that only measure."""
    paths = [Path(path)] if path else [p for p in sorted(DATA_DIR.glob("*.tsv"))
                                       if not measures_only(p.name)]
    out = []
    for p in paths:
        for f in (sorted(p.glob("*.tsv")) if p.is_dir() else [p]):
            if measures_only(f.name) and p.is_dir():
                continue
            out.extend(read_labelled_file(f))
    # a text two writers happened both to write trains nowhere while a held-out set still
    # measures with it
    measuring = unmeasured_texts()
    return [r for r in out if r.text not in measuring]


def unmeasured_texts() -> set[str]:
    """The texts of the held-out sets not yet measured (measures_only)."""
    return {r.text for f in sorted(DATA_DIR.glob("heldout*.tsv")) if measures_only(f.name)
            for r in read_labelled_file(f)}


def is_held_out(text: str) -> bool:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % HELD_OUT_EVERY == 0


def split(rows: list[Labelled]) -> tuple[list[Labelled], list[Labelled]]:
    train = [r for r in rows if not is_held_out(r.text)]
    held = [r for r in rows if is_held_out(r.text)]
    return train, held


def dev_rows() -> list[Labelled]:
    """The split tuned on: the hash-held-out fifth of the training files and fresh_holdout."""
    held = split(read_labelled())[1]
    if FRESH_HOLDOUT.is_file():
        held += read_labelled_file(FRESH_HOLDOUT)
    return held


def with_context(rows: list[Labelled], rng: random.Random) -> list[Labelled]:
    """Add copies of each sentence between neutral sentences (same label): a report's
    result is several sentences, most of which say nothing about the status."""
    neutral = [r.text for r in rows if r.label == "okand"]
    out = list(rows)
    if not neutral:
        return out
    for r in rows:
        if r.label == "okand":
            # Long texts of neutral sentences say nothing either (a bag of words would
            # otherwise read every long text as something).
            for _ in range(NEUTRAL_COMBOS):
                others = [rng.choice(neutral) for _ in range(rng.randint(1, 3))]
                out.append(Labelled(" ".join([r.text] + others), "okand",
                                    f"neutral context for: {r.source}", r.family))
            continue
        for _ in range(CONTEXT_COPIES):
            before, after = rng.choice(neutral), rng.choice(neutral)
            out.append(Labelled(f"{before} {r.text} {after}", r.label, f"context for: {r.source}",
                                r.family))
    return out


def train(data: Optional[Path] = None, out: Optional[Path] = None, seed: int = 0,
          epochs: int = EPOCHS) -> dict:
    """Train, write the pipeline to `out` and return a small report (counts, held-out acc)."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    from .classify import DEFAULT_MODEL_DIR

    out = Path(out or DEFAULT_MODEL_DIR)
    rules = get_rules()
    rows = read_labelled(data)
    train_rows, held = split(rows)
    rng = random.Random(seed)
    fix_random_seed(seed)
    examples_rows = with_context(train_rows, rng)

    nlp = spacy.blank("sv")
    textcat = nlp.add_pipe("textcat", config=TEXTCAT_CONFIG)
    for code in STATUS_CODES:
        textcat.add_label(code)

    def example(r: Labelled) -> Example:
        doc = nlp.make_doc(rules.norm_text(rules.make_doc(r.text)))
        return Example.from_dict(doc, {"cats": {c: float(c == r.label) for c in STATUS_CODES}})

    examples = [example(r) for r in examples_rows]
    optimizer = nlp.initialize(lambda: examples)
    optimizer.learn_rate = LEARN_RATE
    for _ in range(epochs):
        rng.shuffle(examples)
        losses: dict = {}
        for batch in minibatch(examples, size=BATCH_SIZE):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.0)

    nlp.meta["name"] = "ikextract_status"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "Status of internal-control results (textcat on normalised text)"
    nlp.meta["ikextract"] = {"seed": seed, "epochs": epochs, "train_sentences": len(train_rows),
                             "held_out_sentences": len(held),
                             "train_examples": len(examples)}
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)

    correct = 0
    for r, doc in zip(held, nlp.pipe([rules.norm_text(rules.make_doc(r.text)) for r in held])):
        correct += max(doc.cats, key=doc.cats.get) == r.label
    report = dict(nlp.meta["ikextract"],
                  held_out_textcat_accuracy=round(correct / len(held), 4) if held else None)
    (out / "training.json").write_text(json.dumps(report, indent=1, sort_keys=True) + "\n")
    return dict(report, out=str(out))
