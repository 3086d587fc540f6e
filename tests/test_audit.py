"""recur, trace, report: read back the stored risks across years, to file and page."""
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from ikextract import store
from ikextract.audit import (find_risk, format_recur, format_trace, format_twins,
                             load_histories, recur_command, recurring, report_command,
                             trace_command)
from ikextract.audit_page import relative_href, render_page
from ikextract.evaluate import gold_report
from ikextract.link import assign_risk_keys
from ikextract.model import Report, ReportMeta, replace_row

GOLD = sorted((Path(__file__).resolve().parents[2] / "shared" / "gold").glob("*.json"))


def earlier_year(report: Report, report_id: str, path: str) -> Report:
    """The same board's report a year earlier: every row, other statuses, on page 3."""
    statuses = ["pagar", "inga_avvikelser", "avvikelser"]
    rows = [replace_row(r, risk_key=None, status=statuses[i % 3], source_page=3,
                        result=f"Resultat {i + 1} <b>året innan</b>")
            for i, r in enumerate(report.controls)]
    meta = ReportMeta(**{**report.meta.__dict__, "year": report.meta.year - 1,
                         "period": "helår"})
    return Report(report_id, path, report_id * 4, "pdf", meta, 12, rows)


@pytest.fixture
def processed(tmp_path):
    out = tmp_path / "processed"
    norrtalje = gold_report(GOLD[0], source_path="raw/norrtalje 2025.pdf")
    for row in norrtalje.controls:
        row.source_page = 5
    older = earlier_year(norrtalje, "2024202420242024", "raw/norrtalje 2024.pdf")
    amn = [gold_report(GOLD[3]), gold_report(GOLD[4])]       # one board, no shared risk
    reports = [norrtalje, older, *amn]
    assign_risk_keys(reports, None)
    for r in reports:
        store.write_report(out, r, "test")
    store.rebuild_risks(out)
    return out


def test_recurring_risks_are_those_of_several_years(processed):
    histories = load_histories(processed)
    assert len(histories) == 26 + 12 + 6
    rec = recurring(histories)
    assert len(rec) == 26
    assert {h.organisation for h in rec} == {"Kommunstyrelsen"}
    assert all(h.years == [2024, 2025] for h in rec)
    first = next(h for h in rec if h.label.startswith("Risk att felaktig makulering"))
    assert [(o.year, o.status) for o in first.occurrences] == [
        (2024, "avvikelser"), (2025, "inga_avvikelser")]


def test_format_recur_is_readable(processed):
    histories = load_histories(processed)
    text = format_recur(recurring(histories), len(histories))
    assert text.startswith("Kommunstyrelsen, Norrtälje kommun\n")
    assert "  Risk att felaktig makulering av fakturor utförs\n" in text
    assert "    2024 avvikelser  2025 inga_avvikelser\n" in text
    assert text.endswith("26 risks seen in more than one year (of 44).")
    assert format_recur([], 6) == "No risk appears in more than one year (6 risks in all)."


def test_trace_lists_every_occurrence_with_file_and_page(processed):
    histories = load_histories(processed)
    h, _ = find_risk(histories, next(x.risk_key for x in recurring(histories)
                                     if "makulering" in x.label))
    text = format_trace(h)
    lines = text.splitlines()
    assert lines[0] == "Risk att felaktig makulering av fakturor utförs"
    assert "2024 helår  avvikelser  Internkontrollrapport" in lines
    assert "    raw/norrtalje 2024.pdf, page 3, table 0  (2024202420242024:18)" in lines
    assert "2025 april  inga_avvikelser  Internkontrollrapport" in lines
    assert "    Inga avvikelser i samband med utförandet av kontrollmomentet." in text


def test_find_risk_accepts_a_unique_prefix_and_suggests(processed):
    histories = load_histories(processed)
    key = recurring(histories)[0].risk_key
    assert find_risk(histories, key[:-3])[0].risk_key == key
    h, suggestions = find_risk(histories, "kommunstyrelsen-")
    assert h is None and len(suggestions) == 10
    h, suggestions = find_risk(histories, key.replace("-", "_", 1))
    assert h is None and key in suggestions


def test_trace_command_and_unknown_key(processed):
    runner = CliRunner()
    key = recurring(load_histories(processed))[0].risk_key
    res = runner.invoke(trace_command, [key, str(processed)])
    assert res.exit_code == 0 and key in res.output
    res = runner.invoke(trace_command, ["no-such-risk", str(processed)])
    assert res.exit_code == 1 and "no risk with key 'no-such-risk'" in res.output


def test_recur_command(processed):
    res = CliRunner().invoke(recur_command, [str(processed)])
    assert res.exit_code == 0
    assert "26 risks seen in more than one year" in res.output


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.scripts, self.text, self.external = [], 0, [], []
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a":
            self.links.append(attrs)
        self.scripts += tag == "script"
        for name in ("src", "href"):
            if re.match(r"(https?:)?//", attrs.get(name) or ""):
                self.external.append(attrs[name])
        if tag == "link":
            self.external.append(attrs.get("href"))

    def handle_data(self, data):
        self.text.append(data)


def test_report_page_is_swedish_self_contained_with_relative_links(processed, tmp_path):
    out = tmp_path / "site" / "audit.html"
    res = CliRunner().invoke(report_command, [str(processed), "-o", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    parser = _Collect()
    parser.feed(page)
    assert parser.lang == "sv" and parser.external == [] and parser.scripts == 1
    assert "<h2>Kommunstyrelsen, Norrtälje kommun</h2>" in page
    assert '<th scope="col" data-year="2024">2024</th><th scope="col" data-year="2025">2025</th>' in page
    cells = [a for a in parser.links if "cell" in (a.get("class") or "")]
    assert len(cells) == 26 * 2 + 12 + 6
    sources = [a["href"] for a in parser.links if a.get("class") == "source"]
    # Source paths were stored relative to the working directory: links go from the page's
    # folder to them, never absolute.
    assert all(not h.startswith("/") for h in sources)
    expected = relative_href("raw/norrtalje 2024.pdf", out.parent, 3, "pdf")
    assert expected in sources and expected.startswith("../")
    assert expected.endswith("/raw/norrtalje%202024.pdf#page=3")
    assert not list(out.parent.glob(".*.tmp"))


def test_a_cell_opens_the_full_result_comment_evidence_and_page(processed):
    histories = load_histories(processed)
    page = render_page(histories, html_dir=Path("site"))
    long_result = next(o.result for h in histories for o in h.occurrences
                       if o.result and len(o.result) > 200)
    # The whole text, escaped, not a 200-character tooltip.
    import html
    assert html.escape(long_result, quote=False) in page
    assert "&lt;b&gt;året innan&lt;/b&gt;" in page and "<b>året innan</b>" not in page
    assert "#page=3" in page and "<dt>Resultat</dt>" in page


def test_relative_href_goes_from_the_pages_folder(tmp_path):
    src = tmp_path / "raw" / "a b.pdf"
    assert relative_href(str(src), tmp_path / "site", 4, "pdf") == "../raw/a%20b.pdf#page=4"
    assert relative_href(str(src), tmp_path / "site", 4, "docx") == "../raw/a%20b.pdf"
    assert relative_href(str(src), tmp_path, None, "pdf") == "raw/a%20b.pdf"


def test_report_escapes_risk_text_and_flags_repeated_deviations():
    from ikextract.audit import Occurrence, RiskHistory
    occ = [Occurrence(y, None, "T", "r.docx", "docx", None, 0, "avvikelser", "", f"x:{y}", "x")
           for y in (2022, 2023)]
    h = RiskHistory("k", "Nämnd <A&B>", None, 'Risk "<script>alert(1)</script>"', [2022, 2023],
                    occ)
    page = render_page([h])
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "Nämnd &lt;A&amp;B&gt;" in page
    assert 'data-repeated="1"' in page
    assert 'href="r.docx"' in page                       # no page anchor outside PDF


def test_report_lists_single_year_risks_unless_asked_for_recurring(processed, tmp_path):
    page = render_page(load_histories(processed))
    assert page.count("<h2>") == 2 and "<h2>Arbetsmarknadsnämnden</h2>" in page
    assert len(re.findall(r'class="cell ', page)) == 26 * 2 + 12 + 6
    out = tmp_path / "r.html"
    res = CliRunner().invoke(report_command, [str(processed), "-o", str(out), "--recurring"])
    assert res.exit_code == 0
    assert out.read_text(encoding="utf-8").count("<h2>") == 1


def test_one_report_in_two_formats_is_shown_once(processed):
    norrtalje = gold_report(GOLD[0], report_id="dddd000000000000",
                            source_path="raw/norrtalje 2025.docx", source_format="docx")
    assign_risk_keys([norrtalje], store.known_controls(processed))
    store.write_report(processed, norrtalje, "test")
    store.rebuild_risks(processed)
    from ikextract.store import read_dataset
    reports = {r["report_id"]: r for r in read_dataset(processed, "reports").to_pylist()}
    twins = format_twins(reports)
    assert twins == {"dddd000000000000": gold_report(GOLD[0]).report_id}
    histories = load_histories(processed)
    makulering = next(h for h in histories if "makulering" in h.label)
    assert [o.year for o in makulering.occurrences] == [2024, 2025]
    latest = makulering.occurrences[-1]
    assert latest.source_format == "pdf" and latest.page == 5
    assert [(a.path, a.format) for a in latest.also] == [("raw/norrtalje 2025.docx", "docx")]
    assert "also raw/norrtalje 2025.docx" in format_trace(makulering)
    assert len(load_histories(processed, merge_formats=False)[0].occurrences) >= 1


def test_end_to_end_a_docx_and_its_pdf_print_are_one_report_on_the_page(tmp_path):
    """Real files through `ingest`: the DOCX fixture and its LibreOffice PDF print link row
    for row, and the page shows their rows once, the PDF's page linked, the DOCX beside."""
    import shutil
    from ikextract.pipeline import ingest
    fixtures = Path(__file__).parent / "fixtures"
    raw = tmp_path / "raw"
    raw.mkdir()
    for src in (fixtures / "docx" / "002_bb03d43e53b82da6__seed.docx",
                fixtures / "pdf" / "002_bb03d43e53b82da6__seed.pdf"):
        shutil.copy(src, raw / src.name)
    summary = ingest([raw], tmp_path / "processed", workers=0)
    assert not summary.failures
    import ikextract
    controls = ikextract.load(tmp_path / "processed").controls
    by_report = controls.groupby("report_id")["risk_key"].apply(list)
    assert len(by_report) == 2 and by_report.iloc[0] == by_report.iloc[1]
    out = tmp_path / "site" / "granskning.html"
    res = CliRunner().invoke(report_command, [str(tmp_path / "processed"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert len(re.findall(r'class="cell ', page)) == len(by_report.iloc[0])
    assert re.search(r'class="source" href="\.\./raw/002_bb03d43e53b82da6__seed\.pdf#page=\d+"',
                     page)
    assert 'class="also" href="../raw/002_bb03d43e53b82da6__seed.docx"' in page


def test_relative_sources_are_found_from_the_processed_folder(tmp_path, monkeypatch):
    """Stored as data/raw/x.pdf (ingest ran in the repo); the report runs elsewhere."""
    repo = tmp_path / "repo"
    (repo / "data" / "raw").mkdir(parents=True)
    (repo / "data" / "raw" / "x.pdf").write_bytes(b"%PDF")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    href = relative_href("data/raw/x.pdf", tmp_path / "site", 2, "pdf",
                         processed_dir=repo / "data" / "processed")
    assert href == "../repo/data/raw/x.pdf#page=2"


def test_a_risk_only_in_a_report_without_municipality_is_shown_with_its_board(tmp_path):
    from tests.fixtures.link.build import ingest_fixture
    reports = ingest_fixture(tmp_path / "processed", tmp_path / "raw", twin=False)
    ks_2023 = next(r for r in reports
                   if r.meta.organisation == "Kommunstyrelsen" and r.meta.municipality is None)
    extra = gold_report(GOLD[4], report_id="eeee000000000000", source_path="raw/extra.pdf")
    extra.meta = ReportMeta(**{**ks_2023.meta.__dict__})
    extra.meta.title = "Tilläggsrapport"
    extra.controls = extra.controls[:1]
    assign_risk_keys([extra], store.known_controls(tmp_path / "processed"))
    store.write_report(tmp_path / "processed", extra, "test")
    store.rebuild_risks(tmp_path / "processed")
    histories = load_histories(tmp_path / "processed")
    only = next(h for h in histories if h.occurrences[0].report_id == "eeee000000000000")
    assert (only.organisation, only.municipality) == ("Kommunstyrelsen", "Norrtälje kommun")
    assert {h.municipality for h in histories if h.organisation == "Kommunstyrelsen"} == {
        "Norrtälje kommun"}


def test_an_empty_folder_gives_a_page_that_says_so(tmp_path):
    store.ensure_layout(tmp_path / "processed")
    out = tmp_path / "r.html"
    res = CliRunner().invoke(report_command, [str(tmp_path / "processed"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert '<html lang="sv">' in page and "Inga risker i den bearbetade mappen." in page
