"""The fork server's warm-up: every stage after reading runs on the made-up report, and no
format's own library is imported (a worker imports the one its file needs), nor spaCy's
command line."""
import json
import subprocess
import sys

from ikextract.runner.preload import warm_report
from ikextract.pipeline import _Context, load_pipeline, stage_function

PROBE = """
import json, sys
import ikextract.runner.preload as preload
from ikextract.status import rules, textcat
got = {"modules": sorted(m for m in ("docx", "pdfplumber", "pdfminer", "spacy", "pypdfium2",
                                     "typer", "weasel") if m in sys.modules),
       "rules": rules.get_rules.cache_info().currsize,
       "textcat": textcat._load_textcat.cache_info().currsize,
       "cli_deferred": type(sys.modules["spacy.cli"]).__name__ == "_DeferredModule"}
import spacy
got["cli_on_use"] = callable(spacy.cli.info) and "typer" in sys.modules
print(json.dumps(got))
"""


def test_the_warm_report_goes_through_every_stage_after_reading(tmp_path):
    spec = load_pipeline("default")
    ctx = _Context(path=tmp_path / "warm.pdf", settings=spec.settings, doc=warm_report())
    for name in spec.stages:
        if name != "read":
            stage_function(name)(ctx)        # raises if a stage fails on it
    assert [r.status for r in ctx.rows] == ["inga_avvikelser"]
    assert ctx.meta.year == 2024


def test_the_server_is_warm_without_the_format_libraries():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True).stdout
    got = json.loads(out.strip().splitlines()[-1])
    assert got["modules"] == ["pypdfium2", "spacy"]
    assert got["rules"] == 1 and got["textcat"] == 1
    # spaCy's command line: not imported by the warm-up, the real one on first use
    assert got["cli_deferred"] and got["cli_on_use"]
