"""ikextract.load(DIR): the processed datasets as pandas DataFrames, types kept.

    import ikextract
    data = ikextract.load("data/processed")
    data.controls            # also data["controls"]; reports, controls, risks, failures
    reports, controls, risks, failures = data

Every column keeps its Arrow type through pandas (pd.ArrowDtype): an int16 column with nulls
stays int16 (not float64), a bool with nulls stays bool, lists stay lists, strings are
Arrow strings. `status` is an ordered categorical in the contract's code order
(inga_avvikelser < mindre_avvikelser < avvikelser < pagar < ej_paborjad < ej_utford <
okand), so value_counts() lists every code and sorting follows the contract.
"""
from __future__ import annotations

import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Union

DATASETS = ("reports", "controls", "risks", "failures")
DEFAULT_DIR = "data/processed"


@dataclass(frozen=True)
class Datasets:
    """The four datasets of one processed folder."""
    reports: "object"
    controls: "object"
    risks: "object"
    failures: "object"

    def __getitem__(self, name: str):
        if name not in DATASETS:
            raise KeyError(f"{name!r}: the datasets are {', '.join(DATASETS)}")
        return getattr(self, name)

    def __iter__(self) -> Iterator:
        return iter(getattr(self, n) for n in DATASETS)

    def keys(self) -> tuple[str, ...]:
        return DATASETS

    def items(self):
        return [(n, getattr(self, n)) for n in DATASETS]


def status_dtype():
    import pandas as pd

    from ikextract.model import STATUS_CODES
    return pd.CategoricalDtype(list(STATUS_CODES), ordered=True)


def to_pandas(table):
    """One Arrow table as a DataFrame with Arrow-backed columns; status categorical."""
    import pandas as pd
    df = table.to_pandas(types_mapper=pd.ArrowDtype)
    if "status" in df.columns:
        df["status"] = df["status"].astype(object).astype(status_dtype())
    return df


def load(processed_dir: Union[str, Path] = DEFAULT_DIR) -> Datasets:
    """reports, controls, risks and failures of a processed folder as DataFrames."""
    from ikextract.store import read_dataset
    root = Path(processed_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no processed folder (run `ikextract ingest` first)")
    return Datasets(*(to_pandas(read_dataset(root, name)) for name in DATASETS))


class _CallableModule(types.ModuleType):
    """`import ikextract.load` binds the package attribute `load` to this module: let the
    module be called like the function, so `ikextract.load(DIR)` works either way."""

    def __call__(self, processed_dir: Union[str, Path] = DEFAULT_DIR) -> Datasets:
        return load(processed_dir)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["load", "Datasets", "DATASETS", "to_pandas", "status_dtype"]
