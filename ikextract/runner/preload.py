"""Imported once by the workers' fork server, so every worker starts warm (modules, word
lists and the status model shared copy-on-write) instead of paying seconds per restart."""
import os

# One thread per worker process: the workers are the parallelism, and BLAS thread pools
# would reserve address space against the memory limit.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")


def _warm() -> None:
    """Read one small made-up report through the whole pipeline: every lazily loaded table
    (dictionaries, vocabularies, the model) is then loaded before the server forks."""
    import tempfile

    import docx
    import pdfplumber  # noqa: F401

    from ikextract.pipeline import extract_file, load_pipeline
    from ikextract.status import classify
    classify.get_textcat()
    doc = docx.Document()
    doc.add_heading("Uppföljning av internkontrollplan 2024", 1)
    doc.add_paragraph("Kommunstyrelsen")
    table = doc.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ("Process", "Kontrollmoment", "Resultat",
                                                 "Kommentar")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("Attest", "Stickprov av fakturor",
                                                 "Inga avvikelser", "Rutinen följs")):
        cell.text = text
    with tempfile.TemporaryDirectory(prefix="ikx_warm_") as tmp:
        path = os.path.join(tmp, "warm.docx")
        doc.save(path)
        extract_file(path, load_pipeline("default"))


try:
    _warm()
except BaseException:   # a broken stage must not stop the server: its files fail, with reasons
    pass
