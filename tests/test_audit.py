"""recur, trace, report: read back the stored risks across years, to file and page."""
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from ikextract import store
from ikextract.audit import (find_risk, format_recur, format_trace, load_histories, recur_command,
                             recurring, render_html, report_command, trace_command)
from ikextract.evaluate import gold_report
from ikextract.link import assign_risk_keys
from ikextract.model import ControlRow, Report, ReportMeta, replace_row

GOLD = sorted(Path("/work/shared/gold").glob("*.json"))


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
        self.links, self.scripts, self.text = [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))
        self.scripts += tag == "script"

    def handle_data(self, data):
        self.text.append(data)


def test_report_page_has_a_grid_with_links_to_file_and_page(processed, tmp_path):
    out = tmp_path / "site" / "audit.html"
    res = CliRunner().invoke(report_command, [str(processed), "-o", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    parser = _Collect()
    parser.feed(page)
    assert parser.scripts == 0
    assert page.count("<h2>") == 1 and "<h2>Kommunstyrelsen, Norrtälje kommun</h2>" in page
    assert "<th>2024</th><th>2025</th>" in page
    hrefs = [a["href"] for a in parser.links]
    assert len(hrefs) == 52
    assert "raw/norrtalje%202024.pdf#page=3" in hrefs
    tips = [a["title"] for a in parser.links]
    # Text from the reports is escaped, never markup.
    assert "<b>" not in page and any("<b>året innan</b>" in t for t in tips)
    assert not list(out.parent.glob(".*.tmp"))


def test_report_escapes_risk_text_and_flags_repeated_deviations():
    from ikextract.audit import Occurrence, RiskHistory
    occ = [Occurrence(y, None, "T", "r.docx", "docx", None, 0, "avvikelser", "", f"x:{y}", "x")
           for y in (2022, 2023)]
    h = RiskHistory("k", "Nämnd <A&B>", None, 'Risk "<script>alert(1)</script>"', [2022, 2023],
                    occ)
    page = render_html([h])
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Nämnd &lt;A&amp;B&gt;" in page
    assert '<span class="flag">! </span>' in page
    assert 'href="r.docx"' in page                       # no page anchor outside PDF


def test_report_with_all_risks_lists_single_year_ones(processed):
    histories = load_histories(processed)
    page = render_html(histories, include_all=True)
    assert page.count("<h2>") == 2 and "<h2>Arbetsmarknadsnämnden</h2>" in page
    assert len(re.findall(r'class="cell"', page)) == 26 * 2 + 12 + 6
