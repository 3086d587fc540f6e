"""ikextract eval: rows aligned by text, field/status/metadata/link agreement with gold."""
import copy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ikextract import store
from ikextract.evaluate import (compare_rows, eval_command, evaluate, format_eval, gold_report,
                                load_gold, normalise, similarity)
from ikextract.link import assign_risk_keys

GOLD_DIR = Path(__file__).resolve().parents[2] / "shared" / "gold"
GOLD = sorted(GOLD_DIR.glob("*.json"))


def rows_of(path):
    """Gold rows as an extractor's rows: dicts with one status each."""
    rows = copy.deepcopy(load_gold(path)["controls"])
    for r in rows:
        r["status"] = r["status"][0]
    return rows


def test_similarity_normalises_quotes_and_whitespace():
    assert similarity("Vi köper ”kvitterlarm”", 'Vi köper  "kvitterlarm"') == 1.0
    assert similarity("rad ett\nrad två", "rad ett rad två") == 1.0
    assert similarity(None, "") == 1.0
    assert similarity("text", None) == 0.0
    assert 0.9 < similarity("har vi arbetet med detta", "har vi arbetat med detta") < 1.0
    assert normalise("e\u0301") == "é"


def test_gold_against_itself_agrees_fully():
    gold = load_gold(GOLD[0])["controls"]
    result = compare_rows(gold, rows_of(GOLD[0]))
    assert result["recall"] == result["precision"] == 1.0
    assert set(result["fields"].values()) == {1.0}
    assert result["status"] == 1.0
    assert result["missing"] == result["extra"] == []


def test_rows_are_aligned_by_text_not_position():
    gold = load_gold(GOLD[3])["controls"]
    rows = rows_of(GOLD[3])
    rows.reverse()
    del rows[0]                                   # gold row 12 is missing
    rows.append({"control": "Kontroll av parkeringsavgifter", "status": "okand"})  # extra
    result = compare_rows(gold, rows)
    assert result["n_aligned"] == 11
    assert result["recall"] == pytest.approx(11 / 12)
    assert result["precision"] == pytest.approx(11 / 12)
    assert result["missing"] == [12]
    assert set(result["fields"].values()) == {1.0}


def test_field_and_status_disagreements_are_counted():
    gold = load_gold(GOLD[4])["controls"]
    rows = rows_of(GOLD[4])
    rows[0]["result"] = rows[0]["result"][: len(rows[0]["result"]) // 2]   # half a cell
    rows[1]["risk_level"] = "Hög"
    rows[2]["result"] = rows[2]["result"].replace("reviderades", "revideras")  # small slip
    rows[3]["status"] = "inga_avvikelser"          # gold accepts mindre_avvikelser/avvikelser
    rows[4]["status"] = "okand"                   # gold accepts pagar/okand
    result = compare_rows(gold, rows)
    assert result["n_aligned"] == 6
    assert result["fields"]["result"] == pytest.approx(5 / 6)
    assert result["fields"]["risk_level"] == pytest.approx(5 / 6)
    assert result["fields"]["control"] == 1.0
    assert result["status"] == pytest.approx(5 / 6)
    assert {(d["gold_seq"], d["field"]) for d in result["disagreements"]} == {
        (1, "result"), (2, "risk_level")}


def test_risk_value_and_follows_plan_compare_as_values():
    gold = load_gold(GOLD[1])["controls"]
    rows = rows_of(GOLD[1])
    rows[0]["risk_value"] = 6
    rows[1]["follows_plan"] = False
    rows[2]["risk_value"] = "9"
    result = compare_rows(gold, rows)
    assert result["fields"]["risk_value"] == pytest.approx(7 / 8)
    assert result["fields"]["follows_plan"] == pytest.approx(7 / 8)


@pytest.fixture
def processed(tmp_path):
    """The gold reports stored as an extractor would, 003 as two named variants."""
    out = tmp_path / "processed"
    reports = [gold_report(p) for p in GOLD if not p.stem.startswith("003")]
    reports.append(gold_report(GOLD[3], report_id="3333aaaa3333aaaa",
                               source_path="raw/003_977ef8c6729c1ad8__seed.docx"))
    variant = gold_report(GOLD[3], report_id="3333bbbb3333bbbb",
                          source_path="raw/003_977ef8c6729c1ad8__scan.pdf")
    variant.meta.title = "Internkontroll"         # wrong title
    del variant.controls[5]                       # one row lost
    reports.append(variant)
    assign_risk_keys(reports, None)
    for r in reports:
        store.write_report(out, r, "test")
    store.rebuild_risks(out)
    return out


def test_evaluate_matches_variants_and_reports_each(processed):
    result = evaluate(processed, [GOLD_DIR])
    assert result.unmatched_gold == []
    by_path = {r.source_path: r for r in result.reports}
    assert len(result.reports) == 6
    seed = by_path["raw/003_977ef8c6729c1ad8__seed.docx"]
    scan = by_path["raw/003_977ef8c6729c1ad8__scan.pdf"]
    assert seed.recall == 1.0 and all(seed.metadata.values())
    assert scan.recall == pytest.approx(11 / 12) and scan.missing == [6]
    assert scan.metadata["title"] is False and scan.metadata["year"] is True
    assert result.n_gold == 60 + 12 and result.n_aligned == 71
    assert result.metadata["title"] == pytest.approx(5 / 6)
    # 001/002 and the two 003 variants are different reports of one board with the same
    # risks: the linker must have linked them, and nothing else.
    links = result.links
    assert links.gold_linked == 8 + 11 and links.both_linked == 19
    assert links.precision == 1.0 and links.agreement == 1.0


def test_unmatched_gold_is_reported(processed, tmp_path):
    stray = tmp_path / "999_0000000000000000.json"
    stray.write_text(json.dumps({"source": "999.txt", "report": {}, "controls": []}))
    result = evaluate(processed, [stray, GOLD[0]])
    assert result.unmatched_gold == [str(stray)]
    assert "no processed report matches" in format_eval(result)


def test_format_eval_prints_per_report_and_overall(processed):
    text = format_eval(evaluate(processed, [GOLD_DIR]))
    assert "003_977ef8c6729c1ad8.json <- raw/003_977ef8c6729c1ad8__scan.pdf" in text
    assert "gold rows not found: 6" in text
    assert "metadata: differs in title" in text
    assert "OVERALL (6 reports)" in text and "risk links:" in text


def test_eval_command_prints_text_and_json(processed):
    runner = CliRunner()
    res = runner.invoke(eval_command, [str(processed), str(GOLD[0]), str(GOLD[4])])
    assert res.exit_code == 0, res.output
    assert "OVERALL (2 reports)" in res.output
    res = runner.invoke(eval_command, [str(processed), str(GOLD_DIR), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["overall"]["n_aligned"] == 71
    assert data["overall"]["links"]["precision"] == 1.0
    assert len(data["reports"]) == 6


def test_eval_command_fails_when_nothing_matches(tmp_path):
    empty = tmp_path / "empty"
    store.ensure_layout(empty)
    res = CliRunner().invoke(eval_command, [str(empty), str(GOLD_DIR)])
    assert res.exit_code == 1


def test_extra_is_compared_where_gold_lists_it():
    gold = [{"seq": 1, "control": "Kontroll av kassan", "status": ["okand"],
             "extra": [{"label": "Lagrum", "text": "KL 6 kap."}]},
            {"seq": 2, "control": "Kontroll av banken", "status": ["okand"]}]
    rows = [{"control": "Kontroll av kassan", "status": "okand", "extra": {"Lagrum": "KL  6 kap."}},
            {"control": "Kontroll av banken", "status": "okand", "extra": {"Datum": "2024"}}]
    result = compare_rows(gold, rows)
    assert (result["extra_hits"], result["extra_n"]) == (1, 1)   # row 2: gold is silent
    rows[0]["extra"] = [{"label": "Lagrum", "text": "SoL"}]      # the stored form
    assert compare_rows(gold, rows)["extra_agreement"] == 0.0
