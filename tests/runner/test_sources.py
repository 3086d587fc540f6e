"""Finding the files: every path under SRC that is not a folder is a Source or a Failure."""
import os

from ikextract.read.sniff import sniff_format
from ikextract.runner.sources import find_sources, os_path, stored_path
from tests.runner.corpus import DOCX, PDF


def test_stored_path_escapes_bytes_that_are_not_utf8_and_os_path_undoes_it():
    raw = b"arkiv/r\xe5pport \xc3\xa5r.docx"          # Latin-1 å, then a UTF-8 å
    name = os.fsdecode(raw)
    assert stored_path(name) == "arkiv/r\\xe5pport år.docx"
    assert os.fsencode(os_path(stored_path(name))) == raw
    assert stored_path("vanlig/år.pdf") == "vanlig/år.pdf"


def test_links_to_the_same_file_are_one_source_with_aliases(tmp_path):
    a = tmp_path / "a.docx"
    a.write_bytes(DOCX[0].read_bytes())
    os.link(a, tmp_path / "b_hard.docx")
    os.symlink("a.docx", tmp_path / "c_soft.docx")
    sources, failures = find_sources([tmp_path])
    assert not failures
    assert [s.source_path for s in sources] == [str(a)]
    assert sources[0].aliases == [str(tmp_path / "b_hard.docx"), str(tmp_path / "c_soft.docx")]


def test_the_output_folder_is_not_input_and_a_missing_src_is_a_failure(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x.docx").write_bytes(b"x")
    (tmp_path / "r.docx").write_bytes(b"x")
    sources, failures = find_sources([tmp_path, tmp_path / "nope"], exclude=tmp_path / "out")
    assert [s.source_path for s in sources] == [str(tmp_path / "r.docx")]
    assert [(f.source_path, f.error_type) for f in failures] == [
        (str(tmp_path / "nope"), "FileNotFound")]


def test_format_comes_from_the_bytes(tmp_path):
    assert sniff_format(DOCX[0]) == "docx"
    assert sniff_format(PDF[0]) == "pdf"
    renamed = tmp_path / "report.doc"
    renamed.write_bytes(PDF[0].read_bytes())
    assert sniff_format(renamed) == "pdf"
    (tmp_path / "x.rtf").write_bytes(b"{\\rtf1\\ansi hej}")
    assert sniff_format(tmp_path / "x.rtf") == "rtf"
    (tmp_path / "x.bin").write_bytes(b"\0" * 100)
    assert sniff_format(tmp_path / "x.bin") is None
