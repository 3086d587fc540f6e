import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
# ../shared beside the checkout (CI clones main with shared/ beside it); overridable.
SHARED = Path(os.environ.get("IKEXTRACT_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "gold"
CHECK_CONTRACT = SHARED / "tools" / "check_contract.py"


def fixture_entries(kind: str = "docx") -> list[dict]:
    """Fixture files of one kind from the manifests, each with its gold file."""
    manifests = [FIXTURES / "manifest.json", FIXTURES / "pdf" / "manifest.json"]
    out = []
    for m in manifests:
        if not m.exists():
            continue
        for entry in json.loads(m.read_text(encoding="utf-8")):
            path = (m.parent / entry["file"]) if not (FIXTURES / entry["file"]).exists() else FIXTURES / entry["file"]
            if path.suffix.lstrip(".") == kind and path.exists():
                out.append({**entry, "path": path})
    return out


def load_gold(name: str) -> dict:
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def python() -> str:
    return sys.executable
