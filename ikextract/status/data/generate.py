"""Write generated.tsv: labelled result sentences and short results in paraphrase families.

    .venv/bin/python -m ikextract.status.data.generate

Each family draws its words from its own lists (what was checked, what was missing, who took
part, why a control moved ...) and several sentence shapes, so no family is one template.
Seeded: the file is the same on every run. Columns: text, label, acceptable (other codes a
careful reader could defend, "|"-separated), family, source.
"""
from __future__ import annotations

import csv
from pathlib import Path

# The families (and the word lists they draw from) live beside this file.
from ikextract.status.data.generate_families import Families, cap  # noqa: F401

HERE = Path(__file__).resolve().parent
OUT = HERE / "generated.tsv"
SOURCE = "generated for ikextract (status/data/generate.py)"
PER_FAMILY = 185


OCR = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "A", "Ä": "A", "Ö": "O"})
FAMILIES = ["count_deviation", "share_short", "partial", "negated_routine", "deviation_stated", "minor",
            "count_clean", "share_full", "clear_stated", "postponed", "not_started",
            "in_progress", "reference", "neutral", "activity", "near_miss", "mixed", "assessment"]
# families with fewer distinct shapes get fewer rows (duplicates are dropped anyway)
SMALL = {"assessment": 40, "reference": 90, "not_started": 120}


def gold_sentences() -> set[str]:
    """Sentences of the seed reports' gold rows: measuring data, never generated here."""
    import json
    out = set()
    gold = HERE.parents[3] / "shared" / "gold"
    for g in sorted(gold.glob("*.json")) if gold.is_dir() else []:
        for c in json.loads(g.read_text(encoding="utf-8"))["controls"]:
            for text in (c.get("result"), c.get("comment")):
                for sentence in (text or "").replace("\n", " ").split(". "):
                    out.add(sentence.strip().rstrip("."))
    return out


def generate(seed: int = 1) -> list[dict]:
    f = Families(seed)
    rows, seen = [], set()
    gold = gold_sentences()
    for family in FAMILIES:
        want = SMALL.get(family, PER_FAMILY)
        tries = 0
        got = 0
        while got < want and tries < want * 20:
            tries += 1
            text, label, acceptable = getattr(f, family)()
            fam = family
            if f.r.random() < 0.07:
                text, fam = text.translate(OCR), family + "+ocr"   # OCR without Swedish
            if text in seen or text.rstrip(".") in gold:
                continue
            seen.add(text)
            got += 1
            rows.append({"text": text, "label": label, "acceptable": acceptable,
                         "family": fam, "source": SOURCE})
    return rows


def main() -> None:
    rows = generate()
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, ["text", "label", "acceptable", "family", "source"],
                           delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\",
                           lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
