"""`pip install .` (not editable) gives the same results as the source tree: the wheel holds
the status model (models/status) and every data file, and the installed command classifies
and ingests a fixture exactly as the source tree does.

The wheel is built offline (no build isolation, the venv's setuptools and wheel) and
installed without dependencies into a fresh venv that sees the main venv's packages through
a .pth line (so nothing is downloaded and the editable install is not seen).
"""
import json
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import ROOT
from tests.runner.corpus import DOCX

SENTENCE = "Kontrollen visade att 5 av 60 verifikationer saknade attest"
SHIPPED = ["ikextract", "pipelines", "models", "pyproject.toml", "README.md"]


def run(cmd, **kw):
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    assert proc.returncode in (0, 3), proc.stderr[-3000:]
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in SHIPPED:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(path, src / name)
    dist = tmp / "dist"
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-build-isolation", "--no-deps",
         "-w", dist, src])
    wheel = next(dist.glob("ikextract-*.whl"))
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv])
    purelib = Path(sysconfig.get_path("purelib", vars={"base": str(venv),
                                                        "platbase": str(venv)}))
    # The main venv's packages (dependencies) after the venv's own: a plain path line, so
    # the main venv's editable-install hook (a .pth there) is not run.
    (purelib / "main_venv.pth").write_text(site.getsitepackages()[0] + "\n")
    run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "-q",
         "--no-deps", "--no-index", wheel])
    return wheel, venv


def test_the_wheel_holds_the_model_and_the_data_files(installed):
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for f in (ROOT / "models").rglob("*"):
        if f.is_file():
            assert f.relative_to(ROOT).as_posix() in names, f
    for f in (ROOT / "ikextract").rglob("*"):
        if f.is_file() and f.suffix not in (".py", ".pyc") and "__pycache__" not in f.parts:
            assert f.relative_to(ROOT).as_posix() in names, f


def test_the_installed_package_is_the_wheel_and_loads_the_model(installed, tmp_path):
    _, venv = installed
    code = ("import ikextract, warnings; warnings.simplefilter('error');"
            "from ikextract.status.classify import get_textcat, model_dir;"
            "assert get_textcat() is not None; print(ikextract.__file__, model_dir())")
    out = run([venv / "bin" / "python", "-c", code], cwd=tmp_path).stdout
    assert str(venv) in out and str(ROOT) not in out


def test_classify_and_ingest_as_the_source_tree(installed, tmp_path):
    _, venv = installed
    installed_cmd = [venv / "bin" / "ikextract"]
    source_cmd = [sys.executable, "-m", "ikextract"]
    a = run([*installed_cmd, "classify", SENTENCE], cwd=tmp_path).stdout
    b = run([*source_cmd, "classify", SENTENCE], cwd=ROOT).stdout
    assert a == b and a.strip()
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(DOCX[0], src / DOCX[0].name)
    run([*installed_cmd, "ingest", src, "-o", tmp_path / "a", "--workers", "1"], cwd=tmp_path)
    run([*source_cmd, "ingest", src, "-o", tmp_path / "b", "--workers", "1"], cwd=ROOT)
    for name in ("reports", "controls", "risks"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "a" / name),
                                      pd.read_parquet(tmp_path / "b" / name))
