"""The layering holds: etl/ works without Streamlit, and the build never imports the commands.

Checked by importing in a fresh interpreter and looking at sys.modules, as harlequin's import
hygiene test does: a static grep would miss an import made inside a function that runs."""

import subprocess
import sys

from tests.conftest import ROOT

# The build: what `cfwatch etl run` executes. It must not depend on any front end.
BUILD_PACKAGES = ("etl.extract", "etl.claims", "etl.listings", "etl.warehouse", "etl.query",
                  "etl.distill")


def _modules(package: str) -> list[str]:
    folder = ROOT / package.replace(".", "/")
    return sorted(p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
                  for p in folder.rglob("*.py")
                  if p.name not in ("__init__.py", "__main__.py"))


def _loaded_after_importing(modules: list[str]) -> set[str]:
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name)\n"
            "print('\\n'.join(sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_etl_never_imports_streamlit():
    modules = _modules("etl")
    assert len(modules) > 20
    assert "streamlit" not in _loaded_after_importing(modules)


def test_the_build_never_imports_the_commands_or_the_reports():
    modules = [m for p in BUILD_PACKAGES for m in _modules(p)] + ["etl.pipeline"]
    loaded = _loaded_after_importing(modules)
    assert not {m for m in loaded if m.startswith(("etl.commands", "etl.reports"))}


def test_reports_import_no_streamlit_and_no_dashboard():
    """The report is built the same way by the dashboard and `cfwatch report`: from etl alone."""
    loaded = _loaded_after_importing(_modules("etl.reports"))
    assert "streamlit" not in loaded
    assert not {m for m in loaded if m.startswith("dashboard")}


def test_chart_builders_import_no_streamlit():
    loaded = _loaded_after_importing(["dashboard.charts",
                                      "dashboard.data"])
    assert "streamlit" not in loaded
