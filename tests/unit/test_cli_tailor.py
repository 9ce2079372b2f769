"""``resumecore tailor``: the offline path from files, without settings or a database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from resumecore import build_profile, to_json_resume
from resumecore_server.entrypoints.cli import main
from tests.support.profiles import full_profile

CLI = [sys.executable, "-m", "resumecore_server.entrypoints.cli"]

POSTING = json.loads(
    (Path(__file__).parents[1] / "data/postings/software_backend_go_markdown.json").read_text()
)["raw_text"]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    profile, posting = tmp_path / "profile.json", tmp_path / "posting.txt"
    profile.write_text(json.dumps(full_profile()), encoding="utf-8")
    posting.write_text(POSTING, encoding="utf-8")
    return profile, posting


def test_prints_the_match_report_and_the_plan(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["tailor", *map(str, files)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Senior Backend Engineer (Go) · Lumora Health\nMatch: ")
    assert "  met      Experience with Docker and Kubernetes\n           ← Kubernetes" in out
    missing = next(line for line in out.splitlines() if line.startswith("Missing skills: "))
    assert "gRPC" in missing
    plan = out.split("Tailored plan\n")[1]
    assert plan.startswith("  1. Software Engineer ")
    assert "  Certifications: AWS Solutions Architect" in plan


def test_json_output_and_a_json_resume_profile_give_the_same_report(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile, posting = files
    assert main(["tailor", str(profile), str(posting), "--json"]) == 0
    ours = json.loads(capsys.readouterr().out)
    assert set(ours) == {"posting", "match", "plan"}
    assert ours["posting"]["company"] == "Lumora Health"
    assert "Go" in ours["match"]["matched_skills"]
    assert len(ours["plan"]["experiences"]) == 5
    document = tmp_path / "resume.json"
    document.write_text(json.dumps(to_json_resume(build_profile(full_profile()))))
    assert main(["tailor", str(document), str(posting), "--json"]) == 0
    theirs = json.loads(capsys.readouterr().out)
    assert theirs["match"] == ours["match"]


def test_writes_the_tailored_resume_as_json_resume(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tailored.json"
    assert main(["tailor", *map(str, files), "--json-resume-out", str(out)]) == 0
    tailored = json.loads(out.read_text(encoding="utf-8"))
    assert tailored["basics"]["name"] == "Ada Lovelace"
    assert 1 <= len(tailored["work"]) <= 5
    assert {"Go", "Kubernetes"} <= set(tailored["skills"][0]["keywords"])
    assert capsys.readouterr().out.startswith("Senior Backend Engineer")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "cannot read input"),
        ("[1, 2]", "must hold a JSON object"),
        ('{"personal_info": {"full_name": ""}}', "personal_info.full_name"),
        ('{"work": [{"name": 3}]}', "work[0].name"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    content: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile, posting = tmp_path / "p.json", tmp_path / "posting.txt"
    profile.write_text(content)
    posting.write_text(POSTING)
    assert main(["tailor", str(profile), str(posting)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("resumecore tailor: ")
    assert reason in captured.err
    assert len(captured.err.splitlines()) == 1


def test_runs_as_a_process_with_settings_that_would_not_load(files: tuple[Path, Path]) -> None:
    env = {**os.environ, "RESUMECORE_DB_POOL_SIZE": "not-a-number"}
    done = subprocess.run(
        [*CLI, "tailor", *map(str, files), "--json"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["match"]["score"] > 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        # Read as an empty JSON Resume, these tailored a nameless, empty profile (exit 0).
        ("{}", "p.json is neither a profile (with personal_info) nor a JSON Resume document"),
        ('{"name": "Ada"}', "its keys: name"),
        # Ours without personal_info: the profile's own rules, not JSON Resume's.
        ('{"experiences": []}', "p.json: The profile breaks its rules"),
        ('{"skills": {"technical": ["Go"]}}', "personal_info.full_name: This field is required."),
        (
            '{"personal_info": {"full_name": "A"}, "skils": {}}',
            "a profile's parts are custom_fields",
        ),
    ],
)
def test_a_profile_file_of_neither_kind_is_refused_by_name(
    content: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile, posting = tmp_path / "p.json", tmp_path / "posting.txt"
    profile.write_text(content)
    posting.write_text(POSTING)
    assert main(["tailor", str(profile), str(posting)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert reason in captured.err
    assert len(captured.err.splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "cannot read input {}: the file is empty"),
        (b" \n\t\n", "cannot read input {}: the file is empty"),
        (b"\xffEngineer", "cannot read input {}: not UTF-8 text (byte 0xff at offset 0)"),
        (b"Engineer\n" + b"x" * 50_001, "{}: Use at most 50000 characters."),
    ],
)
def test_a_bad_posting_file_is_named_in_the_error(
    content: bytes, reason: str, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    profile, posting = files
    posting.write_bytes(content)
    assert main(["tailor", str(profile), str(posting)]) == 2
    assert capsys.readouterr().err == f"resumecore tailor: {reason.format(posting)}\n"


def test_files_starting_with_a_byte_order_mark_are_read(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # Seen: a profile saved by a Windows editor was refused as "not JSON (Unexpected UTF-8 BOM)".
    profile, posting = files
    profile.write_bytes(b"\xef\xbb\xbf" + profile.read_bytes())
    posting.write_bytes(b"\xef\xbb\xbf" + posting.read_bytes())
    assert main(["tailor", str(profile), str(posting), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["posting"]["company"] == "Lumora Health"
