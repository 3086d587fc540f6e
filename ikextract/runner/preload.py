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
shared with the server instead of being copied into every worker.

spaCy's package imports its command line (spacy.cli: typer, weasel, httpx and some 350 more
modules, about 0.12 s) only to offer `spacy.info`; no worker runs a spaCy command. The server
puts stand-ins for spacy.cli and spacy.cli.info in place before spaCy is imported
(`defer_spacy_cli`): the first use of anything in them imports the real ones."""
import gc
import os
import sys
import types

# One thread per worker process: the workers are the parallelism, and BLAS thread pools
# would reserve address space against the memory limit.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")


class _DeferredModule(types.ModuleType):
    """A stand-in in sys.modules: any attribute read imports the real module first."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_real_spacy_cli(self.__name__), name)


def _real_spacy_cli(name: str = "spacy.cli"):
    import importlib
    for stand_in in ("spacy.cli.info", "spacy.cli"):
        if isinstance(sys.modules.get(stand_in), _DeferredModule):
            del sys.modules[stand_in]
    real = importlib.import_module("spacy.cli")
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        spacy.cli = real
    return importlib.import_module(name)


def _spacy_info(*args, **kwargs):
    return _real_spacy_cli("spacy.cli.info").info(*args, **kwargs)


def defer_spacy_cli() -> bool:
    """Stand-ins for spacy.cli and spacy.cli.info, if spaCy is not imported yet."""
    import importlib.util
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        return False
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return False
    cli = _DeferredModule("spacy.cli")
    cli.__path__ = [os.path.join(list(spec.submodule_search_locations)[0], "cli")]
    info = _DeferredModule("spacy.cli.info")
    info.info = _spacy_info
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    import spacy
    spacy.cli = cli
    return True


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
    defer_spacy_cli()
    _warm()
except BaseException:   # a broken stage must not stop the server: its files fail, with reasons
    pass
finally:
    gc.freeze()
    gc.enable()
