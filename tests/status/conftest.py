"""Fixtures of the status tests."""
import pytest


@pytest.fixture
def rules_only(monkeypatch):
    """The rules' own reading, not the trained classifier's: a test of a rule stays a test
    of that rule whatever the model learns (use: pytestmark = usefixtures("rules_only"))."""
    monkeypatch.setenv("IKEXTRACT_STATUS_MODEL", "rules")
