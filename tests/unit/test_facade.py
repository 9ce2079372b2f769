"""The library facade: its doctests, the guide's examples, and what the examples do not show."""

from __future__ import annotations

import asyncio
import doctest
import importlib
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import msgspec
import pytest

import resumecore
from resumecore import (
    InvalidValue,
    Job,
    Profile,
    build_profile,
    from_json_resume,
    generate_cover_letter,
    generate_resume,
    generate_resume_async,
    match,
    parse_posting,
    rank,
    tailor,
    to_json_resume,
)
from resumecore.postings import parse_posting as parse_text

FACADE = ["defaults", "profiles", "postings", "tailoring", "writing", "json_resume"]
DOCS = Path(__file__).parents[2] / "docs"
# The guides whose examples run as written, and how many examples each has at least.
GUIDES = {"library.md": 30, "testing.md": 10}
POSTING = "Data Engineer at Globex\n\nRequirements:\n- Python and SQL\n- Apache Kafka\n"
AT = datetime(2026, 1, 15, tzinfo=UTC)
NAIVE = datetime(2026, 1, 15)


def ada() -> Profile:
    return build_profile(
        {
            "personal_info": {"full_name": "Ada Lovelace"},
            "skills": {"technical": ["Python", "SQL"], "soft": ["Python"]},
            "experiences": [
                {"title": "Engineer", "company": "Acme", "start_date": "2020-01",
                 "achievements": ["Built Python pipelines on Kafka"]},
            ],
        },
        at=AT,
    )  # fmt: skip


@pytest.mark.parametrize("name", FACADE)
def test_every_facade_module_runs_its_examples(name: str) -> None:
    module = importlib.import_module(f"resumecore.facade.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


@pytest.mark.parametrize("guide", GUIDES)
def test_the_guide_runs_as_written(guide: str) -> None:
    result = doctest.testfile(
        str(DOCS / guide), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.failed == 0
    assert result.attempted >= GUIDES[guide]


def test_every_public_name_resolves_and_public_functions_show_an_example() -> None:
    for name in resumecore.__all__:
        value = getattr(resumecore, name)
        if callable(value) and not isinstance(value, type) and not name.endswith("_async"):
            assert ">>>" in (value.__doc__ or ""), name
    assert set(resumecore.__all__) <= set(dir(resumecore))
    with pytest.raises(AttributeError):
        resumecore.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def test_import_resumecore_loads_nothing_heavy() -> None:
    code = "import sys, resumecore; print(sorted(m for m in sys.modules if 'resumecore.' in m))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "call",
    [
        lambda: build_profile({"personal_info": {"full_name": "A"}}, at=NAIVE),
        lambda: parse_posting(POSTING, at=NAIVE),
        lambda: rank(ada(), POSTING, at=NAIVE),
        lambda: from_json_resume({"basics": {"name": "A"}}, at=NAIVE),
    ],
)
def test_a_naive_datetime_is_refused(call: object) -> None:
    with pytest.raises(InvalidValue) as refused:
        call()  # type: ignore[operator]
    assert refused.value.code == "naive_datetime"
    assert "timezone" in refused.value.message


def test_an_aware_time_in_any_zone_is_kept() -> None:
    berlin = datetime(2026, 1, 15, 9, tzinfo=timezone(timedelta(hours=1)))
    profile = build_profile({"personal_info": {"full_name": "A"}}, at=berlin)
    assert profile.created_at == berlin
    assert build_profile({"personal_info": {"full_name": "A"}}).created_at.tzinfo is not None


def test_ids_default_to_fresh_uuids_and_can_be_given() -> None:
    first, second = ada(), ada()
    assert first.id != second.id
    assert len(first.id) == 36
    content = {
        "personal_info": {"full_name": "A"},
        "experiences": [{"title": "T", "company": "C", "start_date": "2020-01"}],
    }
    given = build_profile(content, profile_id="p1", user_id="u1", new_id=lambda: "e1")
    assert (given.id, given.user_id, given.experiences[0].id) == ("p1", "u1", "e1")


def test_a_profile_dumped_to_json_loads_again() -> None:
    profile = ada()
    loaded = build_profile(msgspec.json.decode(msgspec.json.encode(profile)), at=AT)
    assert to_json_resume(loaded) == to_json_resume(profile)


def test_text_a_parsed_posting_and_a_job_give_the_same_results() -> None:
    profile = ada()
    job = parse_posting(POSTING, at=AT)
    assert isinstance(job, Job)
    assert match(profile, POSTING) == match(profile, parse_text(POSTING)) == match(profile, job)
    assert tailor(profile, POSTING) == tailor(profile, job)
    assert [i.id for i in rank(profile, POSTING).items] == [i.id for i in rank(profile, job).items]


def test_ranked_ids_are_unique_for_a_skill_in_two_lists() -> None:
    ids = [item.id for item in rank(ada(), POSTING).items]
    assert len(ids) == len(set(ids))
    assert "skill:Python" in ids


def test_documents_are_deterministic_and_cite_the_profile() -> None:
    profile = ada()
    resume = generate_resume(profile, POSTING)
    assert resume == generate_resume(profile, POSTING)
    assert resume.document_type == "resume"
    known = {profile.experiences[0].id, f"{profile.experiences[0].id}:a0", "profile", "job"}
    sources = {s for line in resume.lines() for s in line.sources}
    assert sources <= known | {"skill:Python", "skill:SQL"}
    letter = generate_cover_letter(profile, POSTING, company_name="Initech", max_paragraphs=2)
    assert letter.document_type == "cover_letter"
    assert "Initech" in letter.text


async def test_inside_an_event_loop_the_sync_writer_refuses_and_the_async_one_works() -> None:
    with pytest.raises(RuntimeError, match="generate_resume_async"):
        generate_resume(ada(), POSTING)
    resume = await generate_resume_async(ada(), POSTING)
    assert "Acme" in resume.text
    assert asyncio.get_running_loop().is_running()


def test_from_json_resume_returns_a_profile_and_refuses_a_misshapen_document() -> None:
    profile = from_json_resume({"basics": {"name": "Ada"}, "skills": [{"name": "Python"}]})
    assert isinstance(profile, Profile)
    assert profile.skills.technical == ("Python",)
    with pytest.raises(InvalidValue):
        from_json_resume({"work": [{"name": 3}]})
    with pytest.raises(InvalidValue):
        from_json_resume(["not", "a", "document"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"personal_info": {"full_name": 3}}, "personal_info.full_name",
         "Expected `str`, got `int`."),
        ({"personal_info": {"full_name": "A", "phone_number": "1"}}, "personal_info.phone_number",
         "Object contains unknown field `phone_number`."),
        ({"personal_info": {"full_name": "A"}, "skills": {"technical": "Python"}},
         "skills.technical", "Expected `array`, got `str`."),
        ({"personal_info": {"full_name": "A"},
          "experiences": [{"title": "E", "company": "C", "start_date": 2020}]},
         "experiences[0].start_date", "Expected `str`, got `int`."),
    ],
)  # fmt: skip
def test_a_wrong_value_names_its_own_field_in_plain_words(
    data: dict[str, object], field: str, message: str
) -> None:
    # A skills string was read as one skill per character; msgspec's "- at `$.x`" hid the field.
    with pytest.raises(InvalidValue) as caught:
        build_profile(data)
    assert [(e.field, e.code, e.message) for e in caught.value.errors] == [
        (field, "invalid_data", message)
    ]


@pytest.mark.parametrize("data", ["Ada", None, ["personal_info"]])
def test_build_profile_refuses_what_is_not_a_mapping(data: object) -> None:
    with pytest.raises(InvalidValue, match="mapping"):
        build_profile(data)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "code"), [("", "required"), ("  \n\t ", "required"), (b"Engineer", "invalid_type")]
)
def test_parse_posting_refuses_blank_text_and_bytes_with_a_fix(text: object, code: str) -> None:
    # Blank text became a job titled "Untitled position"; bytes raised a bare TypeError.
    with pytest.raises(InvalidValue) as caught:
        parse_posting(text)  # type: ignore[arg-type]
    assert [(e.field, e.code) for e in caught.value.errors] == [("text", code)]


@pytest.mark.parametrize(
    ("command", "field", "message"),
    [
        ({"command": "add_skill", "name": 5}, "name", "Expected `str`, got `int`."),
        ({"command": "add_experience", "item": {"title": 3}}, "item.title",
         "Expected `str`, got `int`."),
        ("add_skill", None, "A command is a value from resumecore.commands or a mapping"),
    ],
)  # fmt: skip
def test_a_malformed_command_is_refused_with_its_field(
    command: object, field: str | None, message: str
) -> None:
    # Seen: msgspec's "- at `$.name`" with no field, and AttributeError for a bare string.
    with pytest.raises(InvalidValue) as caught:
        resumecore.apply(ada(), command)  # type: ignore[arg-type]
    [error] = caught.value.errors
    assert (error.index, error.code, error.field) == (0, "invalid_command", field)
    assert error.message.startswith(message)


def test_an_unknown_tone_is_refused_with_the_choices() -> None:
    # Seen: KeyError: 'angry'.
    with pytest.raises(InvalidValue) as caught:
        generate_cover_letter(ada(), POSTING, tone="angry")  # type: ignore[arg-type]
    assert [(e.field, e.code) for e in caught.value.errors] == [("tone", "invalid_choice")]
    assert "professional, enthusiastic, concise" in caught.value.errors[0].message


def test_to_json_resume_shown_in_takes_only_a_resume() -> None:
    # Seen: a cover letter as shown_in gave a JSON Resume of the items the letter cites.
    letter = generate_cover_letter(ada(), POSTING)
    with pytest.raises(InvalidValue) as caught:
        to_json_resume(ada(), shown_in=letter)
    assert [(e.field, e.code) for e in caught.value.errors] == [("shown_in", "invalid_document")]
    assert "not a cover_letter" in caught.value.message
