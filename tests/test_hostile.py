"""A hostile folder (issue 12): every path under SRC ends as a report or a failure row, in
bounded time and memory, the output folder inside SRC is never read back, exit 3."""
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from click.testing import CliRunner

from ikextract.cli import main
from ikextract.read.safety import check_zip_package
from ikextract.model import ExtractionError
from tests.conftest import CHECK_CONTRACT, FIXTURES
from tests.runner.corpus import (DOCX, entity_docx, many_operators_pdf, mediabox_cycle_pdf,
                                 sparse_zeros, zip_bomb_docx)

LATIN1_NAME = "r\xe5pport_\xe4r.docx".encode("latin-1")        # not UTF-8 on disk


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    src = tmp_path_factory.mktemp("hostile")
    shutil.copy(DOCX[0], src / "good.docx")
    with open(os.path.join(os.fsencode(src), LATIN1_NAME), "wb") as fh:
        fh.write(DOCX[1].read_bytes())
    (src / "cycle.pdf").write_bytes(mediabox_cycle_pdf())
    (src / "operators.pdf").write_bytes(many_operators_pdf())
    sparse_zeros(src / "zeros.pdf")
    zip_bomb_docx(DOCX[2], src / "bomb.docx")
    entity_docx(DOCX[2], src / "entities.docx")
    shutil.copy(FIXTURES / "bad" / "notes.txt", src / "notes.txt")
    # Format from the bytes: a DOCX named .pdf is read as the DOCX it is.
    shutil.copy(DOCX[4], src / "really_a_docx.pdf")
    (src / "empty.docx").write_bytes(b"")
    os.symlink("loop", src / "loop")
    os.symlink("missing.docx", src / "dangling.docx")
    os.symlink("/dev/zero", src / "zero.pdf")
    os.mkfifo(src / "fifo.docx")
    sub = src / "sub"
    sub.mkdir()
    os.symlink("..", sub / "up")
    locked = src / "locked"
    locked.mkdir()
    shutil.copy(DOCX[3], locked / "inside.docx")
    os.chmod(locked, 0)
    yield src
    os.chmod(locked, 0o755)


def _deny_locked(monkeypatch, locked):
    """Root reads any folder: make the unreadable one unreadable for this process."""
    if os.geteuid() != 0:
        return
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)


@pytest.fixture(scope="module")
def ingested(hostile):
    mp = pytest.MonkeyPatch()
    _deny_locked(mp, hostile / "locked")
    out = hostile / "processed"             # the output folder inside SRC
    try:
        # pdfplumber (pdfminer) is the word source that never finishes the cycle and takes
        # minutes over the operators; PDFium reads both quickly.
        args = ["ingest", str(hostile), "-o", str(out), "--workers", "2", "--timeout", "5",
                "--max-memory", "1024", "--word-source", "pdfplumber"]
        first = CliRunner().invoke(main, args)
        second = CliRunner().invoke(main, args)
    finally:
        mp.undo()
    return out, first, second


EXPECTED = {
    "cycle.pdf": "Timeout", "operators.pdf": "Timeout", "zeros.pdf": "CorruptFile",
    "bomb.docx": "HostilePackage", "entities.docx": "HostilePackage",
    "notes.txt": "UnsupportedFormat", "empty.docx": "EmptyFile",
    "loop": "SymlinkLoop", "dangling.docx": "DanglingLink", "zero.pdf": "NotAFile",
    "fifo.docx": "NotAFile", "sub/up": "SymlinkLoop", "locked": "PermissionError",
}


def test_every_path_is_a_report_or_a_failure_and_exit_3(hostile, ingested):
    out, first, _ = ingested
    assert first.exit_code == 3, first.output
    failures = pd.read_parquet(out / "failures")
    got = {os.path.relpath(p, hostile): t for p, t in zip(failures.source_path,
                                                          failures.error_type)}
    assert got == EXPECTED
    reports = pd.read_parquet(out / "reports")
    assert len(reports) == 3
    formats = dict(zip(reports.source_path.map(lambda p: os.path.relpath(p, hostile)),
                       reports.source_format))
    assert formats["really_a_docx.pdf"] == "docx"
    # Each failure named on stderr, once.
    lines = [l for l in first.output.splitlines() if "FAILED" in l]
    assert len(lines) == len(EXPECTED)
    check = subprocess.run([sys.executable, str(CHECK_CONTRACT), str(out)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_a_non_utf8_name_is_stored_with_its_bytes_escaped(hostile, ingested):
    from ikextract.runner.sources import os_path
    out, _, _ = ingested
    reports = pd.read_parquet(out / "reports")
    escaped = str(hostile / "r\\xe5pport_\\xe4r.docx")
    assert escaped in set(reports.source_path)
    assert os.fsencode(os_path(escaped)) == os.path.join(os.fsencode(hostile), LATIN1_NAME)
    controls = pd.read_parquet(out / "controls")
    rid = reports.set_index("source_path").loc[escaped, "report_id"]
    assert (controls.report_id == rid).sum() > 0


def test_the_rerun_skips_unchanged_failures_and_never_reads_its_output(ingested):
    out, first, second = ingested
    assert second.exit_code == 3
    # Nothing under processed/ became input, and the timeouts were not waited for again.
    assert "processed" not in second.output
    assert "0 reports ingested (3 unchanged, skipped)" in second.output
    assert "failed before and unchanged" in second.output
    assert len(pd.read_parquet(out / "failures")) == len(EXPECTED)


def test_zip_bomb_and_entities_refused_from_the_directory(tmp_path):
    with pytest.raises(ExtractionError, match="zip bomb"):
        check_zip_package(zip_bomb_docx(DOCX[0], tmp_path / "b.docx"))
    with pytest.raises(ExtractionError, match="DTD or entities"):
        check_zip_package(entity_docx(DOCX[0], tmp_path / "e.docx"))
    check_zip_package(DOCX[0])          # a real report passes
