"""AppTest on the real app, pointed at the shared small warehouse (tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

APP = ROOT / "dashboard" / "app.py"


@pytest.fixture
def app(dashboard_warehouse, monkeypatch):
    """An AppTest on the real app, pointed at the test warehouse, first page rendered."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CFWATCH_WAREHOUSE", str(dashboard_warehouse))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at
