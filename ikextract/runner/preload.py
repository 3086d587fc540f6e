"""Imported once by the workers' fork server, so every worker starts warm (modules and the
status model shared copy-on-write) instead of paying seconds of imports per restart."""
import os

# One thread per worker process: the workers are the parallelism, and BLAS thread pools
# would reserve address space against the memory limit.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

try:
    import ikextract.pipeline  # noqa: F401
    from ikextract.read import docx as _docx  # noqa: F401
    import pdfplumber  # noqa: F401
    import ikextract.layouts  # noqa: F401
    import ikextract.tables  # noqa: F401
    from ikextract.status import classify as _classify
    _classify.get_textcat()
except Exception:     # a broken module must not stop the server: its files fail, with reasons
    pass
