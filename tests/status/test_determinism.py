"""The same texts read the same in every process: no reading may depend on the order of a set
of strings, which changes with the process's hash seed (PYTHONHASHSEED)."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

READ = """
import json
from ikextract.status.reading import read_texts
from ikextract.status.train import read_labelled
texts = [r.text for r in read_labelled()][::12]
print(json.dumps([[r.code, r.confidence, r.sentence, r.by] for r in read_texts(texts)]))
"""


def _readings(seed: str) -> list:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    out = subprocess.run([sys.executable, "-c", READ], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True, timeout=300)
    return json.loads(out.stdout)


def test_readings_do_not_depend_on_the_hash_seed():
    first, second = _readings("1"), _readings("2")
    assert len(first) > 1000
    assert first == second
