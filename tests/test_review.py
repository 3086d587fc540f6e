"""ikextract review: the rows least sure of their status or fields, worst first."""
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from ikextract.review import review, review_command

EXTRA = pa.list_(pa.struct([("label", pa.string()), ("text", pa.string())]))


def _write(dir_, controls, reports, *, with_extra=True, with_coverage=True):
    (dir_ / "controls").mkdir(parents=True)
    (dir_ / "reports").mkdir(parents=True)
    cols = {k: [c.get(k) for c in controls] for k in
            ("control_id", "report_id", "seq", "status", "status_confidence",
             "status_evidence", "source_page", "result", "control")}
    fields = [("control_id", pa.string()), ("report_id", pa.string()), ("seq", pa.int32()),
              ("status", pa.string()), ("status_confidence", pa.float32()),
              ("status_evidence", pa.string()), ("source_page", pa.int32()),
              ("result", pa.string()), ("control", pa.string())]
    arrays = [pa.array(cols[n], t) for n, t in fields]
    if with_extra:
        fields.append(("extra", EXTRA))
        arrays.append(pa.array([c.get("extra", []) for c in controls], EXTRA))
    pq.write_table(pa.Table.from_arrays(arrays, schema=pa.schema(fields)),
                   dir_ / "controls" / "part-0.parquet")
    rfields = [("report_id", pa.string()), ("source_path", pa.string())]
    rarrays = [pa.array([r["report_id"] for r in reports]),
               pa.array([r["source_path"] for r in reports])]
    if with_coverage:
        rfields.append(("text_coverage", pa.float32()))
        rarrays.append(pa.array([r.get("text_coverage", 1.0) for r in reports], pa.float32()))
    pq.write_table(pa.Table.from_arrays(rarrays, schema=pa.schema(rfields)),
                   dir_ / "reports" / "part-0.parquet")


def _row(i, report="r1", **kw):
    base = dict(control_id=f"{report}:{i}", report_id=report, seq=i, status="inga_avvikelser",
                status_confidence=0.95, status_evidence="result: 'Inga avvikelser.'",
                source_page=i + 1, result="Inga avvikelser.", control=f"kontroll {i}")
    base.update(kw)
    return base


REPORTS = [{"report_id": "r1", "source_path": "a/rapport1.pdf", "text_coverage": 1.0},
           {"report_id": "r2", "source_path": "b/rapport2.docx", "text_coverage": 0.90}]


@pytest.fixture
def processed(tmp_path):
    controls = [
        _row(1),                                                      # sure: not listed
        _row(2, status="okand", status_confidence=0.5, status_evidence=None,
             result="Något helt annat."),
        _row(3, status="avvikelser", status_confidence=0.6,
             status_evidence="column 'Status': Inga avvikelser | conflicts with result: "
                             "'5 av 60 saknade attest.'"),
        _row(4, extra=[{"label": "Okänd kolumn", "text": "x" * 400}]),
        _row(1, report="r2"),                                         # low coverage only
    ]
    _write(tmp_path, controls, REPORTS)
    return tmp_path


def test_worst_first_with_report_page_and_evidence(processed):
    items = review(processed)
    assert [i.control_id for i in items] == ["r1:3", "r1:2", "r1:4", "r2:1"]
    worst = items[0]
    assert worst.report == "a/rapport1.pdf" and worst.page == 4
    assert "conflicting evidence" in worst.reasons and "conflicts with" in worst.evidence
    assert any("okand although" in r for r in items[1].reasons)
    assert any("400 chars in extra (Okänd kolumn)" in r for r in items[2].reasons)
    assert items[3].reasons == ["report text_coverage 0.90"]
    assert "r1:1" not in {i.control_id for i in items}


def test_json_output(processed):
    out = CliRunner().invoke(review_command, [str(processed), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data[0]["control_id"] == "r1:3" and data[0]["report"] == "a/rapport1.pdf"
    assert {"score", "page", "status", "confidence", "evidence", "reasons"} <= set(data[0])


def test_text_output_and_limit(processed):
    out = CliRunner().invoke(review_command, [str(processed), "--limit", "2"])
    assert out.exit_code == 0, out.output
    assert out.output.count("doubt ") == 2
    assert "a/rapport1.pdf, page 4, row 3" in out.output


def test_old_folder_without_extra_and_text_coverage(tmp_path):
    _write(tmp_path, [_row(1), _row(2, status_confidence=0.4, status="okand")],
           [{"report_id": "r1", "source_path": "a.pdf"}], with_extra=False, with_coverage=False)
    items = review(tmp_path)
    assert [i.control_id for i in items] == ["r1:2"]


def test_missing_folder_is_a_usage_error(tmp_path):
    out = CliRunner().invoke(review_command, [str(tmp_path / "nowhere")])
    assert out.exit_code == 2


def test_registered_on_the_main_command():
    from ikextract.cli import main
    out = CliRunner().invoke(main, ["review", "--help"])
    assert out.exit_code == 0 and "least sure" in out.output
