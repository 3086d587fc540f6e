"""Every labelled text's reading (code, confidence, evidence, kind) as the SHA-1 of its JSON
line, one per line, so a change meant to keep behaviour (a speed-up, a split) can be checked
byte for byte:

    .venv/bin/python bench/status_dump.py /tmp/before.jsonl
    ... change ...
    .venv/bin/python bench/status_dump.py /tmp/after.jsonl && cmp /tmp/before.jsonl /tmp/after.jsonl

Reads every TSV in ikextract/status/data, held-out sets too: only their digests are written,
so the file holds no text of a set still to be measured.
"""
import hashlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ikextract.status.classify import classify_texts  # noqa: E402
from ikextract.status.train import DATA_DIR, read_labelled_file  # noqa: E402

if __name__ == "__main__":
    texts = [r.text for f in sorted(DATA_DIR.glob("*.tsv")) for r in read_labelled_file(f)]
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for text, d in zip(texts, classify_texts(texts)):
            line = json.dumps([text, d.code, d.confidence, d.evidence, d.kind], ensure_ascii=False)
            out.write(hashlib.sha1(line.encode("utf-8")).hexdigest() + "\n")
    print(f"{len(texts)} readings written to {sys.argv[1]}")
