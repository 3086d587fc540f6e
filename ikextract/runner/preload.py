"""Imported once by the workers' fork server, so every worker starts warm (modules, word
lists and the status model shared copy-on-write) instead of paying them per worker.

What every file needs is warmed: the stages after reading run on a small made-up report (a
Document built in memory), so their vocabularies, the status rules (spaCy's tokenizer) and
the trained status model are loaded before the server forks. What only one format needs is
not: python-docx, pdfplumber and pdfminer are imported by the first worker that reads such a
file (about 0.1 s), so a batch of PDFs read with PDFium does not pay them. Nor the hunspell
dictionary: its answers usually come from the lookup memo (ikextract.text.hyphenation), and
opening it costs under 0.1 s where a worker needs it.

The collector is off while the server warms up (imports make cycles by the thousand and
every pass walks all objects made so far), and what the warm-up made is frozen before the
server forks: a worker's collections then skip it and do not write to its pages, which stay
shared with the server instead of being copied into every worker."""
import gc
import os

# One thread per worker process: the workers are the parallelism, and BLAS thread pools
# would reserve address space against the memory limit.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")


def warm_report():
    """A one-table internal-control report as a reader would give it."""
    from ikextract.model import Cell, Document, Page, Table, TextBlock
    header = ("Process", "Kontrollmoment", "Resultat", "Kommentar")
    row = ("Attest", "Stickprov av fakturor", "Inga avvikelser", "Rutinen följs")
    table = Table(rows=[[Cell(text, r, c, page=1) for c, text in enumerate(texts)]
                        for r, texts in enumerate((header, row))], page=1)
    return Document(path="warm.pdf", source_format="pdf", pages=[Page(1, 595.0, 842.0)],
                    items=[TextBlock("Uppföljning av internkontrollplan 2024", "heading", 1,
                                     page=1),
                           TextBlock("Kommunstyrelsen", page=1), table])


def _warm() -> None:
    """Import the readers' own modules and the default PDF source (PDFium), and run every
    stage after reading on `warm_report()`: every lazily loaded table the later stages use
    (vocabularies, rules, the model) is then loaded."""
    from pathlib import Path

    import pypdfium2  # noqa: F401

    import ikextract.read.docx  # noqa: F401
    import ikextract.read.pdf  # noqa: F401
    import ikextract.read.pdf_pdfium  # noqa: F401
    from ikextract.pipeline import _Context, load_pipeline, stage_function
    from ikextract.status import classify
    classify.get_textcat()
    spec = load_pipeline("default")
    ctx = _Context(path=Path("warm.pdf"), settings=spec.settings, doc=warm_report())
    for name in spec.stages:
        if name != "read":
            stage_function(name)(ctx)


gc.disable()
try:
    _warm()
except BaseException:   # a broken stage must not stop the server: its files fail, with reasons
    pass
finally:
    gc.freeze()
    gc.enable()
