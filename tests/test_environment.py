"""The environment files agree: pyproject's dependencies, constraints.txt and environment.yml."""

from __future__ import annotations

import re
import sys

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from kit import paths

ROOT = paths.repo_root()


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pins(lines) -> dict[str, str]:
    pins = {}
    for line in lines:
        line = line.strip()
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            pins[_name(name)] = version.strip()
    return pins


@pytest.fixture(scope="module")
def constraints() -> dict[str, str]:
    return _pins((ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _deps(pyproject: dict) -> list[str]:
    """Direct dependencies, test and scale extras included (environment.yml installs both), that apply on
    this Python (markers such as python_version < '3.11' honoured)."""
    extras = pyproject["project"]["optional-dependencies"]
    deps = pyproject["project"]["dependencies"] + extras["test"] + extras["scale"]
    return [d for d in deps if "python_version < '3.11'" not in d or sys.version_info < (3, 11)]


def _pip_section(environment: dict) -> list[str]:
    for dep in environment["dependencies"]:
        if isinstance(dep, dict) and "pip" in dep:
            return dep["pip"]
    raise AssertionError("environment.yml has no pip: section")


def test_every_dependency_is_pinned_in_constraints(pyproject, constraints):
    deps = _deps(pyproject)
    missing = sorted(_name(d) for d in deps if _name(d) not in constraints)
    assert not missing, f"add exact pins for {missing} to constraints.txt"


def test_environment_yml_names_every_dependency_with_the_constraints_version(pyproject, constraints, environment):
    env_pins = _pins(_pip_section(environment))
    deps = _deps(pyproject)
    for dep in deps:
        name = _name(dep)
        assert name in env_pins, f"environment.yml does not name {name}"
        assert env_pins[name] == constraints[name], (
            f"{name}: environment.yml pins {env_pins[name]}, constraints.txt pins {constraints[name]}"
        )


def test_environment_yml_pins_nothing_the_constraints_do_not(constraints, environment):
    env_pins = _pins(_pip_section(environment))
    drift = {k: v for k, v in env_pins.items() if constraints.get(k) != v}
    assert not drift, f"environment.yml pins differ from constraints.txt: {drift}"


def test_environment_yml_uses_the_constraints_file_and_conda_forge(environment):
    assert environment["channels"] == ["conda-forge"]
    assert "-c constraints.txt" in _pip_section(environment)


def test_environment_yml_installs_the_kit_with_the_test_and_scale_extras(environment, constraints):
    pip = _pip_section(environment)
    assert "-e .[test,scale]" in pip
    # dask[distributed] brings distributed: pinned beside dask, at the constraints version
    assert _pins(pip)["distributed"] == constraints["distributed"]


def test_pyproject_python_matches_environment(pyproject, environment):
    assert pyproject["project"]["requires-python"] == ">=3.10"
    assert "python=3.11" in environment["dependencies"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["pandas==3.1.1", "# nltk==1"], {"pandas": "3.1.1"}),
        (["PyYAML==6.0.4"], {"pyyaml": "6.0.4"}),
        (["-c constraints.txt", "-e .[test]"], {}),
    ],
)
def test_pin_parser(lines, expected):
    assert _pins(lines) == expected


def test_readme_ci_and_environment_yml_install_the_same_extras(environment):
    """The README's test set-up (command 2), CI and Binder all install the kit with the test and scale extras."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    setup = 'pip install -c constraints.txt -e ".[test,scale]"'
    assert f".venv/bin/{setup} && .venv/bin/python -m pytest" in readme
    assert setup.replace("pip install", "pip install -q") in ci
    assert "-e .[test,scale]" in _pip_section(environment)
