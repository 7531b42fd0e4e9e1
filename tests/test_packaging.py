"""The repository's own promises: environment.yml mirrors pyproject.toml, the README's commands."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).parent.parent
#: Extras a conda or Binder user gets; `bench` (peer libraries for benchmarks) is left to pip.
MIRRORED_EXTRAS = ("notebooks", "test", "grading")


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    for extra in MIRRORED_EXTRAS:
        reqs += project["optional-dependencies"].get(extra, [])
    return {_name(r): r.replace(" ", "") for r in reqs}


def _environment() -> tuple[list[str], dict[str, str]]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    reqs = [r for r in pip if not r.startswith("-e")]
    return conda, {_name(r): r.replace(" ", "") for r in reqs}


def test_environment_yml_lists_the_same_dependencies_as_pyproject() -> None:
    """Every dependency of the package and its mirrored extras is in environment.yml, alike."""
    conda, pip = _environment()
    assert pip == _pyproject(), "update environment.yml to match pyproject.toml"
    assert any(c.startswith("python") for c in conda)


def test_environment_yml_installs_the_package_itself() -> None:
    """Binder users get the workbook package installed from the checkout, without extra deps."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e . --no-deps" in pip


def test_python_version_agrees() -> None:
    """The minimum Python in environment.yml is the one pyproject.toml requires."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    conda, _ = _environment()
    assert f"python{project['requires-python']}" in conda


def test_readme_leads_with_the_two_commands() -> None:
    """The README's first commands open the workbook and run every test, and CI runs the latter."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", readme, flags=re.S)
    first = "\n".join(blocks[:2])
    assert "bash run.sh lab" in first and "bash run.sh test" in first
    assert "bash run.sh test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_python_examples_run() -> None:
    """The README's Python examples run as doctests."""
    import doctest

    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False)
    assert result.attempted > 0 and result.failed == 0


def test_readme_command_line_examples_run(tmp_path: Path) -> None:
    """Every `python -m workbook ...` line in the README runs and exits 0."""
    import shlex
    import subprocess
    import sys

    (tmp_path / "data").symlink_to(ROOT / "data")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [
        line.split("  #", 1)[0].strip()
        for block in re.findall(r"```bash\n(.*?)```", readme, flags=re.S)
        for line in block.splitlines()
        if line.startswith("python -m workbook")
    ]
    assert len(lines) >= 5
    for line in lines:
        command = shlex.quote(sys.executable) + line.removeprefix("python")
        done = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, (line, done.stdout[-2000:], done.stderr[-2000:])
