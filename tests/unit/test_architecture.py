"""The core never imports the UI: etl/ must work without Streamlit loaded."""

import subprocess
import sys

from tests.conftest import ROOT


def test_etl_never_imports_streamlit():
    modules = sorted(p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
                     for p in (ROOT / "etl").rglob("*.py") if p.name != "__init__.py")
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name)\n"
            "assert 'streamlit' not in sys.modules, 'streamlit was imported'\n"
            "print(len(sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert len(modules) > 15


def test_chart_builders_import_no_streamlit():
    code = "import sys, dashboard.charts, dashboard.data; assert 'streamlit' not in sys.modules"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
