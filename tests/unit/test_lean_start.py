"""``resumecore serve`` builds the posting parser's data before importing the app (lean_start)."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from resumecore.postings import parse_posting
from resumecore_server.entrypoints.cli import SERVED_APP
from resumecore_server.entrypoints.lean_start import warm_parser

ROOT = Path(__file__).resolve().parents[2]


def test_the_serve_command_runs_the_lean_start() -> None:
    assert SERVED_APP == "resumecore_server.entrypoints.lean_start:create_served_app"


def test_importing_it_imports_neither_the_framework_nor_the_app() -> None:
    probe = (
        "import sys\n"
        "import resumecore_server.entrypoints.lean_start\n"
        "heavy = ('litestar', 'sqlalchemy', 'resumecore_server.entrypoints.http.app')\n"
        "print(sorted(name for name in heavy if name in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"


def test_after_the_warm_up_parsing_reads_no_data_file(monkeypatch: pytest.MonkeyPatch) -> None:
    warm_parser()

    def no_more_files(package: str) -> object:
        raise AssertionError(f"the parser read {package} after the warm-up")

    monkeypatch.setattr(resources, "files", no_more_files)
    posting = parse_posting(
        "Backend Developer\nGlobex Ltd - Lyon Part-Dieu, France\n"
        "Salary: 50,000 - 60,000 EUR\n\nGo, Rust and Terraform on Google Cloud.\n"
    )
    assert posting.skills
