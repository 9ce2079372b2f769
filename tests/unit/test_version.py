"""resumecore.__version__ is the version pyproject.toml declares and pip reports."""

import tomllib
from importlib.metadata import version
from pathlib import Path

import resumecore

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_version_is_the_one_pyproject_declares() -> None:
    declared = tomllib.loads(PYPROJECT.read_text())["project"]["version"]
    assert resumecore.__version__ == declared


def test_version_is_the_installed_distributions() -> None:
    assert resumecore.__version__ == version("resumecore")
