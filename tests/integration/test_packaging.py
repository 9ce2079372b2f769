"""The wheel as a library user gets it: built here, installed offline into a fresh venv.

`pip install resumecore` must bring msgspec and nothing else, import without the server stack,
ship py.typed so a user's `mypy --strict` sees our types, and report its version.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

import resumecore
from tests.support.wheelhouse import build_our_wheel, repack_installed

# The fresh venv sees only what is installed in it, whatever path the test run itself was given.
CLEAN_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


class CoreInstall:
    def __init__(self, wheel: Path, python: Path, scratch: Path) -> None:
        self.wheel = wheel
        self.python = python
        self.scratch = scratch

    def run(self, code: str) -> str:
        done = subprocess.run(
            [str(self.python), "-c", code],
            check=True,
            capture_output=True,
            text=True,
            cwd=self.scratch,
            env=CLEAN_ENV,
        )
        return done.stdout.strip()


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> CoreInstall:
    scratch = tmp_path_factory.mktemp("packaging")
    wheelhouse = scratch / "wheels"
    wheelhouse.mkdir()
    wheel = build_our_wheel(wheelhouse, scratch)
    repack_installed("msgspec", wheelhouse)
    target = scratch / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-index",
            "--find-links",
            str(wheelhouse),
            "resumecore",
        ],
        check=True,
        capture_output=True,
        env=CLEAN_ENV,
    )
    return CoreInstall(wheel, python, scratch)


def test_core_install_pulls_only_msgspec(core: CoreInstall) -> None:
    installed = core.run(
        "import importlib.metadata as m;"
        "print(sorted({d.metadata['Name'].lower() for d in m.distributions()}))"
    )
    assert installed == "['msgspec', 'resumecore']"


def test_the_server_stack_is_an_extra_not_a_requirement(core: CoreInstall) -> None:
    requires = core.run(
        "import importlib.metadata as m; print('\\n'.join(m.requires('resumecore')))"
    ).splitlines()
    unconditional = [r for r in requires if "extra ==" not in r]
    assert [r.split(">")[0] for r in unconditional] == ["msgspec"]
    assert any(r.startswith("litestar") and 'extra == "server"' in r for r in requires)
    assert any(r.startswith("hypothesis") and 'extra == "testing"' in r for r in requires)


def test_the_core_works_without_the_server_stack(core: CoreInstall) -> None:
    out = core.run(
        "import importlib.util, resumecore, resumecore.tailoring, resumecore.postings,"
        " resumecore.jsonresume, resumecore.generation.offline_writer;"
        "print(resumecore.__version__, importlib.util.find_spec('litestar') is None)"
    )
    assert out == f"{resumecore.__version__} True"


def test_the_installed_command_tailors_without_the_server_stack(core: CoreInstall) -> None:
    # Seen: `resumecore tailor` on a core install died importing sqlalchemy, with a traceback.
    profile, posting = core.scratch / "profile.json", core.scratch / "posting.txt"
    profile.write_text('{"personal_info": {"full_name": "Ada"}, "skills": {"technical": ["Go"]}}')
    posting.write_text("Backend Engineer at Globex\n\nRequirements:\n- Go\n- PostgreSQL\n")
    command = core.python.parent / "resumecore"
    done = subprocess.run(
        [str(command), "tailor", str(profile), str(posting), "--json"],
        capture_output=True, text=True, env=CLEAN_ENV, cwd=core.scratch, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["match"]["matched_skills"] == ["Go"]


@pytest.mark.parametrize("command", ["serve", "migrate", "worker"])
def test_server_commands_on_a_core_install_say_what_to_install(
    core: CoreInstall, command: str
) -> None:
    done = subprocess.run(
        [str(core.python.parent / "resumecore"), command],
        capture_output=True, text=True, env=CLEAN_ENV, cwd=core.scratch, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == (
        f"resumecore: `resumecore {command}` needs the server; "
        "install it with: pip install 'resumecore[server]'\n"
    )


def test_the_wheel_ships_py_typed_and_the_data_files(core: CoreInstall) -> None:
    names = set(zipfile.ZipFile(core.wheel).namelist())
    assert "resumecore/py.typed" in names
    assert "resumecore/data/skills.json" in names
    assert core.wheel.name.startswith(f"resumecore-{resumecore.__version__}-")


def mypy_strict(core: CoreInstall, source: str) -> subprocess.CompletedProcess[str]:
    script = core.scratch / "user_script.py"
    script.write_text(source)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--python-executable",
            str(core.python),
            str(script),
        ],
        capture_output=True,
        text=True,
        env=CLEAN_ENV,
        cwd=core.scratch,  # no pyproject here: our own mypy_path (src) must not be used
        check=False,
    )


def test_a_users_mypy_strict_sees_real_types(core: CoreInstall) -> None:
    clean = mypy_strict(core, "import resumecore\n\nversion: str = resumecore.__version__\n")
    assert clean.returncode == 0, clean.stdout
    wrong = mypy_strict(core, "import resumecore\n\nversion: int = resumecore.__version__\n")
    assert wrong.returncode == 1
    assert 'expression has type "str", variable has type "int"' in wrong.stdout


def test_the_wheel_claims_no_generic_top_level_name(core: CoreInstall) -> None:
    tops = {name.split("/")[0] for name in zipfile.ZipFile(core.wheel).namelist()}
    assert tops == {
        "resumecore",
        "resumecore_server",
        f"resumecore-{resumecore.__version__}.dist-info",
    }
    entry_points = core.run(
        "import importlib.metadata as m;"
        "print([e.value for e in m.distribution('resumecore').entry_points])"
    )
    assert entry_points == "['resumecore_server.entrypoints.cli:main']"


def test_pypis_entrypoints_package_still_imports_beside_ours(core: CoreInstall) -> None:
    stand_in = stand_in_wheel(core.scratch / "stand-in", "entrypoints", "0.4")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(core.python), "install", "--quiet",
         "--no-index", str(stand_in)],
        check=True, capture_output=True, env=CLEAN_ENV,
    )  # fmt: skip
    out = core.run(
        "import importlib.util, entrypoints;"
        "print(entrypoints.STAND_IN, importlib.util.find_spec('resumecore_server.entrypoints')"
        ".submodule_search_locations[0].endswith('resumecore_server/entrypoints'))"
    )
    assert out == "entrypoints 0.4 True"


def stand_in_wheel(folder: Path, name: str, version: str) -> Path:
    """A minimal wheel of a one-module distribution, as a PyPI package of that name would be."""
    folder.mkdir()
    info = f"{name}-{version}.dist-info"
    files = {
        f"{name}.py": f'STAND_IN = "{name} {version}"\n',
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
        archive.writestr(f"{info}/RECORD", "".join(f"{p},,\n" for p in [*files, f"{info}/RECORD"]))
    return wheel
