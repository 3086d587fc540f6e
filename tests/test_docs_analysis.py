"""Every query in docs/analysis.md runs on an ingested folder and the three engines agree."""
import re
from pathlib import Path

import pytest

from tests.fixtures.link.build import ingest_fixture, load

DOC = Path(__file__).resolve().parents[1] / "docs" / "analysis.md"
BLOCK = re.compile(r"```python\n(.*?)```", re.S)


@pytest.fixture(scope="module")
def namespace(tmp_path_factory):
    root = tmp_path_factory.mktemp("docs")
    ingest_fixture(root / "processed", root / "raw")
    blocks = BLOCK.findall(DOC.read_text(encoding="utf-8"))
    assert len(blocks) == 4, "setup, pandas, DuckDB, polars"
    setup = 'DIR = "data/processed"'
    assert setup in blocks[0]
    blocks[0] = blocks[0].replace(setup, f"DIR = {str(root / 'processed')!r}")
    ns = {}
    for code in blocks:
        exec(compile(code, str(DOC), "exec"), ns)
    return ns


def truth():
    """From the fixtures' labels: families seen in several years, and with deviations in two."""
    years, deviations = {}, {}
    for rep, fams in load():
        for row, fam in zip(rep.controls, fams):
            years.setdefault(fam, set()).add(rep.meta.year)
            if row.status in ("avvikelser", "mindre_avvikelser"):
                deviations.setdefault(fam, set()).add(rep.meta.year)
    return ({f for f, y in years.items() if len(y) > 1},
            {f for f, y in deviations.items() if len(y) >= 2})


def test_recurrence_agrees_across_engines_and_with_the_labels(namespace):
    pd_keys = list(namespace["recurring_pd"].index)
    duck_keys = list(namespace["recurring_duck"]["risk_key"])
    pl_keys = namespace["recurring_pl"]["risk_key"].to_list()
    assert sorted(pd_keys) == sorted(duck_keys) == sorted(pl_keys)
    recurring, _ = truth()
    assert len(pd_keys) == len(recurring) == 33
    assert list(namespace["recurring_pd"]["n_years"]) == list(namespace["recurring_duck"]["n_years"])


def test_status_over_years_agrees_across_engines(namespace):
    pd_table = namespace["status_by_year_pd"]
    duck = namespace["status_by_year_duck"].set_index("risk_key")
    pl_table = namespace["status_by_year_pl"]
    assert len(pd_table) == len(duck) == pl_table.height == 36
    years = [int(y) for y in pd_table.columns]
    assert years == [2022, 2023, 2024, 2025]
    for key in pd_table.index:
        for year in years:
            want = pd_table.loc[key, year]
            got_duck = duck.loc[key, str(year)]
            got_pl = pl_table.filter(risk_key=key)[str(year)].item()
            if want is None or want != want:             # no row that year
                assert got_duck is None or got_duck != got_duck
                assert got_pl is None
            else:
                assert want == got_duck == got_pl, (key, year)
    # A risk's history reads like the reports: the DOCX twin adds no second status.
    assert "/" not in "".join(str(v) for v in pd_table.stack().tolist() if v == v)


def test_repeated_deviations_agree_across_engines_and_with_the_labels(namespace):
    pd_keys = sorted(namespace["repeated_pd"].index)
    duck_keys = sorted(namespace["repeated_duck"]["risk_key"])
    pl_keys = sorted(namespace["repeated_pl"]["risk_key"].to_list())
    assert pd_keys == duck_keys == pl_keys
    _, repeated = truth()
    assert len(pd_keys) == len(repeated) > 0
