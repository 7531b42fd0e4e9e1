"""The repository's own promises: environment.yml mirrors pyproject.toml, the README's commands."""

import importlib.util
import json
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
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


# --------------------------------------------------------------------------- installed as a package


def _case_files() -> list[str]:
    """Every file of the case library as the wheel should carry it (``workbook/_cases/...``)."""
    cases = ROOT / "data" / "cases"
    return sorted(
        "workbook/_cases/" + p.relative_to(cases).as_posix()
        for p in cases.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(cases).parts)
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built offline from the checkout, through its source distribution (as `uv build`)."""
    if importlib.util.find_spec("uv") is None:
        pytest.skip("uv is not installed in this environment (bash run.sh setup installs it)")
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "uv", "build", "--offline", "--out-dir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (found,) = out.glob("workbook-*.whl")
    return found


def test_the_wheel_carries_every_case_file_and_the_schema(wheel: Path) -> None:
    """Every file under data/cases (readings included) and the JSON Schema are in the wheel."""
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = _case_files()
    assert any("/readings/" in n for n in expected) and len(expected) > 20
    missing = [n for n in expected if n not in names]
    assert not missing, f"not shipped: {missing[:10]}"
    assert "workbook/casefile/case-file.schema.json" in names
    assert not [n for n in names if n.startswith("data/")], "cases belong inside the package"


_INSTALLED_CHECK = """
import json, pathlib, re, sys, tempfile
import workbook
from workbook.casefile.load import check_case
from workbook.casefile.new import new_case
from workbook.casefile.readings import load_readings
header = re.compile(r"#\\s*yaml-language-server:\\s*\\$schema=(\\S+)")
cases = sorted(p for p in workbook.CASES.iterdir() if p.is_dir())
schemas = {}
for case in cases:
    for f in case.glob("*.yaml"):
        m = header.search(f.read_text(encoding="utf-8"))
        if m:
            schemas[str(f)] = (f.parent / m.group(1)).resolve().is_file()
new = pathlib.Path(tempfile.mkdtemp()) / "elsewhere" / "my-case"
made = new_case(new, title="Acme Corp. v. Secretary", court="D.D.C.")
m = header.search(made.read_text(encoding="utf-8"))
json.dump({
    "package": workbook.__file__,
    "cases_folder": str(workbook.CASES),
    "default_ok": check_case(workbook.DEFAULT_CASE).ok,
    "cases": {p.name: check_case(p).case is not None for p in cases},
    "readings": sum(len(load_readings(p)) for p in cases),
    "schemas": schemas,
    "new_case_schema": (made.parent / m.group(1)).resolve().is_file(),
    "new_case_ok": check_case(new).ok,
}, sys.stdout)
"""


def test_an_installed_wheel_loads_the_shipped_cases_from_outside_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    """`pip install .` into a fresh venv: DEFAULT_CASE, every case and its readings load there."""
    import sysconfig
    import venv

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    install = [sys.executable, "-m", "uv", "pip", "install", "--offline", "--no-deps"]
    done = subprocess.run(
        [*install, "--python", str(python), str(wheel)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    # The dependencies come from this environment's site-packages, appended after the
    # fresh venv's own (its .pth files are not run, so an editable checkout stays out).
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "shared-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "WORKBOOK_CASES")}
    run = subprocess.run(
        [str(python), "-c", _INSTALLED_CHECK],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    got = json.loads(run.stdout)
    assert Path(got["package"]).is_relative_to(env_dir), "the checkout was imported, not the wheel"
    assert Path(got["cases_folder"]).is_relative_to(env_dir)
    assert got["default_ok"], "DEFAULT_CASE does not check in the installed package"
    shipped = sorted(p.name for p in (ROOT / "data" / "cases").iterdir() if p.is_dir())
    assert sorted(got["cases"]) == shipped and all(got["cases"].values()), got["cases"]
    assert got["readings"] == len(list((ROOT / "data" / "cases").glob("*/readings/*.md")))
    assert got["schemas"] and all(got["schemas"].values()), got["schemas"]
    assert got["new_case_schema"] and got["new_case_ok"]


def test_post_build_installs_the_voila_template_into_the_environment(tmp_path):
    """`postBuild` (Binder, conda, run.sh) copies the template under the Python's prefix."""
    import os
    import subprocess

    shim = tmp_path / "bin" / "python"
    shim.parent.mkdir()
    shim.write_text(f"#!/bin/sh\necho {tmp_path / 'env'}\n", "utf-8")  # the prefix it reports
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(["bash", str(ROOT / "postBuild")], check=True, env=env, cwd=tmp_path)
    installed = tmp_path / "env" / "share" / "jupyter" / "voila" / "templates" / "workbook"
    shipped = ROOT / "notebooks" / "voila-template" / "workbook"
    assert sorted(p.name for p in installed.iterdir()) == sorted(p.name for p in shipped.iterdir())
    assert "https://" not in (installed / "index.html.j2").read_text("utf-8")
