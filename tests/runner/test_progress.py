"""Progress lines: a status line on a terminal, plain lines otherwise, -q and -v."""
import io

from ikextract.model import Failure, Report, ReportMeta
from ikextract.pipeline import UNCHANGED
from ikextract.runner import progress as progress_module
from ikextract.runner.progress import Progress


def _report(path):
    return Report("a" * 16, path, "a" * 64, "docx", ReportMeta(year=2024), None, [],
                  warnings=["organisation not named in the report; left empty"])


def test_terminal_status_line_names_counts_rate_eta_failures_and_the_slow_file(monkeypatch):
    clock = iter(range(100))
    monkeypatch.setattr(progress_module.time, "monotonic", lambda: float(next(clock)))
    out = io.StringIO()
    p = Progress(out, terminal=True)
    p.start(10)
    p.file_done("a.docx", _report("a.docx"))
    p.file_done("b.pdf", Failure("b.pdf", None, "read", "CorruptFile", "corrupt PDF"))
    p.tick([("big_scan.pdf", 42.0)])
    line = p.status_line()
    assert line.startswith("[2/10]") and "files/s" in line and "ETA" in line
    assert "1 failed" in line and "slow: big_scan.pdf (42s)" in line
    text = out.getvalue()
    assert "ikextract: FAILED b.pdf: corrupt PDF [read/CorruptFile]\n" in text
    assert "a.docx" not in text                 # no line per good file on a terminal
    p.close()


def test_plain_lines_when_not_a_terminal_and_quiet_and_verbose():
    out = io.StringIO()
    p = Progress(out, terminal=False)
    p.start(2)
    p.file_done("a.docx", _report("a.docx"))
    p.file_done("b.docx", UNCHANGED)
    assert out.getvalue().splitlines() == ["[1/2] a.docx: 0 controls", "[2/2] b.docx: unchanged"]
    quiet = io.StringIO()
    q = Progress(quiet, terminal=False, quiet=True)
    q.start(2)
    q.file_done("a.docx", _report("a.docx"))
    q.file_done("b.pdf", Failure("b.pdf", None, "read", "CorruptFile", "corrupt"))
    assert quiet.getvalue().splitlines() == ["ikextract: FAILED b.pdf: corrupt [read/CorruptFile]"]
    loud = io.StringIO()
    v = Progress(loud, terminal=True, verbose=True)
    v.start(1)
    v.file_done("a.docx", _report("a.docx"))
    assert "warning: organisation not named" in loud.getvalue()
