"""Build hook: ship the case library in ``data/cases`` inside the package as ``workbook/_cases``.

Everything else about the package is declared in ``pyproject.toml``. Authors edit the
cases in ``data/cases``, the one copy in the repository; a wheel (``pip install .``)
gets a copy made at build time, so an installed workbook still finds its shipped cases
and their readings. An editable install (``pip install -e .``) copies nothing: the
package reads ``data/cases`` in the checkout directly (see ``workbook/paths.py``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CASES = Path(__file__).resolve().parent / "data" / "cases"
SKIP = shutil.ignore_patterns(".*", "__pycache__", "*.pyc", "*~")


class BuildPyWithCases(build_py):
    """``build_py`` that also copies ``data/cases`` to ``workbook/_cases`` in the build."""

    def run(self) -> None:
        """Build the package, then copy the case library beside it."""
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads data/cases in place
        if not CASES.is_dir():
            raise SystemExit(f"cannot ship the cases: {CASES} is missing (is MANIFEST.in intact?)")
        target = Path(self.build_lib) / "workbook" / "_cases"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(CASES, target, ignore=SKIP)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        """The built files, the copied cases included (for ``install --record``)."""
        outputs = list(super().get_outputs(include_bytecode))
        target = Path(self.build_lib) / "workbook" / "_cases"
        if not getattr(self, "editable_mode", False) and target.is_dir():
            outputs += [str(p) for p in sorted(target.rglob("*")) if p.is_file()]
        return outputs


setup(cmdclass={"build_py": BuildPyWithCases})
