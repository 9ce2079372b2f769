"""Dependencies point inward: core -> nothing of ours; adapters -> core; entrypoints -> both.

Two checks: this file's allowlist (the core imports only the standard library and msgspec;
resumecore.testing may add hypothesis and resumecore_server.adapters.memory), and the declared
import contracts in .importlinter (layers; adapters never import use cases or the HTTP layer;
the HTTP layer reaches adapters only through the composition root; no package cycles inside the
core).
"""

from __future__ import annotations

import ast
import configparser
import subprocess
import sys
from pathlib import Path

import pytest

import resumecore
import resumecore_server.adapters
import resumecore_server.entrypoints

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
THIRD_PARTY_ALLOWED_IN_CORE = {"msgspec"}
# resumecore.testing is for users' tests: hypothesis (the `testing` extra) and the fakes.
ALLOWED_IN_CORE_TESTING = ("hypothesis", "resumecore_server.adapters.memory")
LAYERS = ("resumecore", "adapters", "entrypoints")
# Installed under one project-specific name, never as a generic top-level adapters/entrypoints.
SERVER = "resumecore_server"


def owner(name: str) -> str:
    """The layer (or outside package) an imported module belongs to."""
    parts = name.split(".")
    if parts[0] == SERVER and len(parts) > 1:
        return parts[1]
    return f"top-level {parts[0]}" if parts[0] in LAYERS[1:] else parts[0]


def imported_modules(source: str) -> set[str]:
    """Every absolute module a source file imports (relative imports are banned by style)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def violations(layer: str, module_path: str, imports: set[str]) -> list[str]:
    """The imports of one module that break the layer rules."""
    bad = []
    for name in imports:
        top = owner(name)
        if layer == "resumecore":
            allowed = (
                top == "resumecore"
                or top in sys.stdlib_module_names
                or top in THIRD_PARTY_ALLOWED_IN_CORE
                or (
                    module_path.startswith("resumecore/testing/")
                    and (
                        name in ALLOWED_IN_CORE_TESTING
                        or name.startswith(("hypothesis.", "resumecore_server.adapters.memory."))
                    )
                )
            )
        elif top.startswith("top-level "):
            allowed = False
        elif layer == "adapters":
            allowed = top not in {"entrypoints", "punq"}
            if module_path.startswith("adapters/memory/"):
                allowed = (
                    top in {"resumecore", "msgspec"}
                    or top in sys.stdlib_module_names
                    or name.startswith("resumecore_server.adapters.memory")
                )
        else:
            allowed = top != "punq" or module_path == "entrypoints/bootstrap.py"
        if not allowed:
            bad.append(f"{module_path} imports {name}")
    return bad


def all_violations() -> list[str]:
    found = []
    for layer in LAYERS:
        for path in sorted((SRC / layer).rglob("*.py")):
            relative = path.relative_to(SRC).as_posix()
            found += violations(layer, relative, imported_modules(path.read_text()))
    return found


def test_no_module_imports_against_the_dependency_direction() -> None:
    assert all_violations() == []


@pytest.mark.parametrize(
    ("layer", "path", "source"),
    [
        ("resumecore", "resumecore/x.py", "import sqlalchemy"),
        ("resumecore", "resumecore/x.py", "from resumecore_server.adapters.sql import tables"),
        ("resumecore", "resumecore/x.py", "from litestar import get"),
        ("resumecore", "resumecore/x.py", "from hypothesis import strategies"),
        (
            "resumecore",
            "resumecore/testing/x.py",
            "from resumecore_server.adapters.sql import tables",
        ),
        ("resumecore", "resumecore/testing/x.py", "import sqlalchemy"),
        (
            "adapters",
            "adapters/x.py",
            "from resumecore_server.entrypoints.settings import Settings",
        ),
        ("adapters", "adapters/memory/x.py", "import sqlalchemy"),
        ("entrypoints", "entrypoints/http/app.py", "import punq"),
        ("entrypoints", "entrypoints/cli.py", "from adapters.sql import tables"),
        ("adapters", "adapters/sql/x.py", "import entrypoints"),
    ],
)
def test_the_checker_catches_a_forbidden_import(layer: str, path: str, source: str) -> None:
    assert violations(layer, path, imported_modules(source)) != []


def test_core_may_use_stdlib_and_msgspec() -> None:
    assert (
        violations(
            "resumecore",
            "resumecore/x.py",
            imported_modules("import msgspec\nfrom datetime import UTC"),
        )
        == []
    )


def test_core_testing_may_use_hypothesis_and_the_in_memory_fakes() -> None:
    source = (
        "from hypothesis import strategies\n"
        "from resumecore_server.adapters.memory.uow import MemoryUnitOfWork"
    )
    assert violations("resumecore", "resumecore/testing/x.py", imported_modules(source)) == []


def test_every_declared_import_contract_is_kept() -> None:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    names = [config[s]["name"] for s in config.sections() if s.startswith("importlinter:contract:")]
    done = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
    report = " ".join(done.stdout.split())  # long names are wrapped to the terminal
    for name in names:
        assert f"{name} KEPT" in report
    assert f"{len(names)} kept, 0 broken" in report


def test_the_core_acyclic_contract_has_no_exceptions() -> None:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    contract = config["importlinter:contract:core-acyclic"]
    assert contract.get("ignore_imports", "").strip() == ""


@pytest.mark.parametrize(
    "package", [resumecore, resumecore_server.adapters, resumecore_server.entrypoints]
)
def test_our_packages_come_from_our_src_not_from_pypi(package: object) -> None:
    location = Path(package.__file__).resolve()  # type: ignore[attr-defined]
    assert location.is_relative_to(SRC)
