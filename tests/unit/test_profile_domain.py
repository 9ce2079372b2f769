"""The pure profile domain: ``new_profile``, ``revise`` and ``apply_all`` (no storage, no HTTP).

Every rule is checked with the field path it reports, and every kind of operation with the
profile it produces. Profiles are immutable values, so "nothing changed" is checked by comparing
the input with a deep copy taken before the call.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import msgspec
import pytest

from resumecore.commands.editing import apply_all
from resumecore.errors import BulkOperationRejected, FieldError, InvalidValue
from resumecore.ids import ProfileId, UserId
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile, revise
from resumecore.operations import MAX_OPERATIONS, Operation
from tests.support.profiles import experience, full_profile

CREATED = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
EDITED = datetime(2026, 2, 1, 9, 30, tzinfo=UTC)


class Ids:
    """A deterministic id generator: ``<prefix>-1``, ``<prefix>-2``, ..."""

    def __init__(self, prefix: str = "new") -> None:
        self.prefix = prefix
        self.issued: list[str] = []

    def __call__(self) -> str:
        self.issued.append(f"{self.prefix}-{len(self.issued) + 1}")
        return self.issued[-1]


def create(content: dict[str, Any], ids: Ids | None = None) -> Profile:
    return new_profile(
        ProfileId("profile-1"),
        UserId("user-1"),
        content,
        is_primary=True,
        new_id=ids or Ids("seed"),
        at=CREATED,
    )


def minimal(**parts: Any) -> dict[str, Any]:
    return {"personal_info": {"full_name": "Ada Lovelace"}, **parts}


def job(title: str, **changes: Any) -> dict[str, Any]:
    return {"title": title, "company": "Acme", "start_date": "2020-01", **changes}


def school(name: str, **changes: Any) -> dict[str, Any]:
    return {"institution": name, "degree": "BSc", **changes}


def project(name: str, **changes: Any) -> dict[str, Any]:
    return {"name": name, **changes}


def cert(name: str, **changes: Any) -> dict[str, Any]:
    return {"name": name, **changes}


def apply(profile: Profile, *operations: Operation, ids: Ids | None = None) -> Profile:
    return apply_all(profile, list(operations), new_id=ids or Ids(), at=EDITED)


def rejected(profile: Profile, *operations: Operation) -> BulkOperationRejected:
    """Apply ``operations`` expecting a rejection; also prove the input was left untouched."""
    before = copy.deepcopy(profile)
    with pytest.raises(BulkOperationRejected) as caught:
        apply(profile, *operations)
    assert profile == before
    return caught.value


def failing_indexes(error: InvalidValue) -> list[int]:
    return sorted({e.index for e in error.errors if e.index is not None})


def codes_at(error: InvalidValue) -> set[tuple[str | None, str]]:
    return {(e.field, e.code) for e in error.errors}


def titles(profile: Profile) -> list[str]:
    return [item.title for item in profile.experiences]


def content_parts(profile: Profile) -> tuple[Any, ...]:
    """Everything but the version and the timestamps."""
    return (
        profile.personal_info,
        profile.skills,
        profile.experiences,
        profile.education,
        profile.projects,
        profile.custom_fields,
    )


@pytest.fixture
def profile() -> Profile:
    """Three experiences, one education, two projects, two skills each way, two certifications
    and one custom field."""
    return create(
        minimal(
            experiences=[job("E0"), job("E1", achievements=["Shipped it"]), job("E2")],
            education=[school("U0")],
            projects=[project("P0"), project("P1")],
            skills={
                "technical": ["Python", "Go"],
                "soft": ["Writing", "Mentoring"],
                "certifications": [cert("C0", issuer="Org"), cert("C1")],
            },
            custom_fields={"availability": "2 weeks"},
        )
    )


# --- new_profile ----------------------------------------------------------------------------


def test_a_new_profile_is_version_one_with_fresh_unique_ids_in_the_given_order() -> None:
    ids = Ids()

    sut = create(full_profile(), ids)

    assert sut.version == 1
    assert sut.created_at == sut.updated_at == CREATED
    assert [e.title for e in sut.experiences] == [f"Software Engineer {i}" for i in range(5)]
    assert [e.institution for e in sut.education] == [f"University {i}" for i in range(3)]
    assert [p.name for p in sut.projects] == [f"Project {i}" for i in range(4)]
    assert sut.skills.technical[:3] == ("Python", "PostgreSQL", "Kubernetes")
    component_ids = [
        item.id
        for kind in ("experience", "education", "project", "certification")
        for item in sut.items(kind)
    ]
    assert len(component_ids) == 13
    assert len(set(component_ids)) == 13
    assert set(component_ids) <= set(ids.issued)


def test_the_whole_profile_check_skips_only_the_rules_of_parts_already_checked(
    profile: Profile,
) -> None:
    broken = msgspec.structs.replace(profile.experiences[0], title=" ")
    repeated = msgspec.structs.replace(profile.projects[1], id=profile.experiences[1].id)
    sut = msgspec.structs.replace(
        profile,
        experiences=(broken, *profile.experiences[1:]),
        projects=(profile.projects[0], repeated),
    )

    everything = {(e.field, e.code) for e in sut.problems()}
    across_parts = {(e.field, e.code) for e in sut.problems(checked={"experiences", "projects"})}

    assert everything == {("experiences[0].title", "required"), ("projects[1]", "duplicate_id")}
    assert across_parts == {("projects[1]", "duplicate_id")}


def test_a_client_id_in_a_new_profile_is_replaced_by_a_server_id() -> None:
    sut = create(minimal(experiences=[job("E0"), {**job("E1"), "id": "chosen-by-client"}]))

    assert [e.title for e in sut.experiences] == ["E0", "E1"]
    assert "chosen-by-client" not in {e.id for e in sut.experiences}
    assert len({e.id for e in sut.experiences}) == 2


def test_every_broken_rule_is_reported_not_only_the_first() -> None:
    content = minimal(
        experiences=[job("E0", start_date="2020-13"), job("")],
        education=[school("U0", gpa=5.0)],
        projects=[project("P0", url="ftp://example.com")],
    )

    with pytest.raises(InvalidValue) as caught:
        create(content)

    assert codes_at(caught.value) >= {
        ("experiences[0].start_date", "invalid_date"),
        ("experiences[1].title", "required"),
        ("education[0].gpa", "gpa_out_of_range"),
        ("projects[0].url", "invalid_url"),
    }


PARTS: dict[str, tuple[str, Any]] = {
    "experience": ("experiences[0]", lambda c: minimal(experiences=[{**job("E"), **c}])),
    "education": ("education[0]", lambda c: minimal(education=[{**school("U"), **c}])),
    "project": ("projects[0]", lambda c: minimal(projects=[{**project("P"), **c}])),
    "certification": (
        "skills.certifications[0]",
        lambda c: minimal(skills={"certifications": [{**cert("C"), **c}]}),
    ),
    "personal_info": ("personal_info", lambda c: {"personal_info": {"full_name": "Ada", **c}}),
    "skills": ("skills", lambda c: minimal(skills=c)),
    "profile": ("", lambda c: minimal(**c)),
}


def content_with(part: str, changes: dict[str, Any]) -> dict[str, Any]:
    """A minimal profile whose ``part`` (one component, or a top-level part) has ``changes``."""
    return PARTS[part][1](changes)


def path_in(part: str, leaf: str) -> str:
    prefix = PARTS[part][0]
    return f"{prefix}.{leaf}" if prefix else leaf


BROKEN_RULES = [
    ("experience", {"start_date": "2020-13"}, "start_date", "invalid_date"),
    ("experience", {"end_date": "2020-02-30"}, "end_date", "invalid_date"),
    ("experience", {"start_date": "2020-5"}, "start_date", "invalid_date"),
    ("experience", {"start_date": "2020/05"}, "start_date", "invalid_date"),
    ("experience", {"start_date": "1899-12"}, "start_date", "invalid_date"),
    ("education", {"start_date": "2021-02-29"}, "start_date", "invalid_date"),
    ("certification", {"date_obtained": "2020-00"}, "date_obtained", "invalid_date"),
    ("experience", {"start_date": "215"}, "start_date", "invalid_date"),
    ("experience", {"end_date": "2020-05-00"}, "end_date", "invalid_date"),  # was accepted
    ("experience", {"start_date": "1899"}, "start_date", "invalid_date"),
    ("education", {"start_date": "2015-"}, "start_date", "invalid_date"),
    ("experience", {"start_date": "2021", "end_date": "2020-12"}, "end_date", "end_before_start"),
    ("project", {"start_date": "2021-01", "end_date": "2020"}, "end_date", "end_before_start"),
    (
        "experience",
        {"start_date": "2020-06", "end_date": "2020-05-31"},
        "end_date",
        "end_before_start",
    ),
    (
        "experience",
        {"start_date": "2020-05-16", "end_date": "2020-05-15"},
        "end_date",
        "end_before_start",
    ),
    ("education", {"start_date": "2019-09", "end_date": "2018-06"}, "end_date", "end_before_start"),
    ("project", {"start_date": "2022-01", "end_date": "2021-12"}, "end_date", "end_before_start"),
    (
        "certification",
        {"date_obtained": "2022-01", "expiry_date": "2021-01"},
        "expiry_date",
        "end_before_start",
    ),
    (
        "experience",
        {"is_current": True, "end_date": "2024-01"},
        "end_date",
        "current_with_end_date",
    ),
    ("education", {"gpa": 4.01}, "gpa", "gpa_out_of_range"),
    ("education", {"gpa": -0.1}, "gpa", "gpa_out_of_range"),
    ("project", {"url": "javascript:alert(1)"}, "url", "invalid_url"),
    ("project", {"url": "ftp://files.example.com/cv.pdf"}, "url", "invalid_url"),
    ("project", {"url": "https://exa mple.com"}, "url", "invalid_url"),
    ("project", {"url": "https://example.com/a\u00a0b"}, "url", "invalid_url"),
    ("project", {"url": "https://"}, "url", "invalid_url"),
    ("personal_info", {"linkedin": "javascript:alert(1)"}, "linkedin", "invalid_url"),
    ("personal_info", {"website": "ftp://example.com"}, "website", "invalid_url"),
    ("personal_info", {"email": "not-an-address"}, "email", "invalid_email"),
    ("personal_info", {"full_name": "x" * 101}, "full_name", "too_long"),
    ("personal_info", {"full_name": "   "}, "full_name", "required"),
    ("profile", {"custom_fields": {"": 1}}, "custom_fields.", "invalid_key"),
    ("profile", {"custom_fields": {"k" * 51: 1}}, "custom_fields." + "k" * 51, "invalid_key"),
    ("profile", {"custom_fields": {"bad/key": 1}}, "custom_fields.bad/key", "invalid_key"),
    ("profile", {"custom_fields": {"$where": 1}}, "custom_fields.$where", "invalid_key"),
    ("profile", {"custom_fields": {" lead": 1}}, "custom_fields. lead", "invalid_key"),
    ("profile", {"professional_summary": "s" * 5001}, "professional_summary", "too_long"),
    ("experience", {"title": "t" * 201}, "title", "too_long"),
    ("experience", {"company": "  "}, "company", "required"),
    ("experience", {"achievements": ["ok", "a" * 1001]}, "achievements[1]", "too_long"),
    ("education", {"honors": ["h" * 301]}, "honors[0]", "too_long"),
    ("project", {"technologies": ["t" * 101]}, "technologies[0]", "too_long"),
    ("certification", {"credential_id": "c" * 201}, "credential_id", "too_long"),
    ("skills", {"technical": ["Python", "python"]}, "technical[1]", "duplicate"),
    ("skills", {"technical": ["Go", "Rust", " RUST "]}, "technical[2]", "duplicate"),
    ("skills", {"soft": ["Writing", "WRITING"]}, "soft[1]", "duplicate"),
    ("skills", {"technical": ["s" * 101]}, "technical[0]", "too_long"),
    ("skills", {"languages": [{"name": " "}]}, "languages[0].name", "required"),
]


@pytest.mark.parametrize(("part", "changes", "leaf", "code"), BROKEN_RULES)
def test_each_rule_is_reported_with_its_field_path(
    part: str, changes: dict[str, Any], leaf: str, code: str
) -> None:
    with pytest.raises(InvalidValue) as caught:
        create(content_with(part, changes))

    assert (path_in(part, leaf), code) in codes_at(caught.value), caught.value.errors


@pytest.mark.parametrize(
    ("part", "changes"),
    [
        ("experience", {"start_date": "2020-05", "end_date": "2020-05-15"}),
        ("experience", {"start_date": "2020-05-15", "end_date": "2020-05"}),
        ("experience", {"start_date": "2020-05-15", "end_date": "2020-05-15"}),
        ("experience", {"start_date": "2024-02-29", "is_current": True}),
        ("experience", {"title": "t" * 200, "start_date": "1900-01", "end_date": "2100-12-31"}),
        ("education", {"start_date": "2023-09"}),
        ("experience", {"start_date": "2015", "end_date": "2017"}),  # a year alone
        ("experience", {"start_date": "2015-06", "end_date": "2015"}),  # the same year
        ("education", {"start_date": "1900", "end_date": "2100"}),
        ("certification", {"date_obtained": "2021", "expiry_date": "2021-05"}),
        ("education", {"gpa": 0.0}),
        ("education", {"gpa": 4.0}),
        ("project", {}),
        ("project", {"url": "http://example.com/x", "start_date": "2022-01"}),
        ("certification", {"date_obtained": "2021-05", "expiry_date": "2021-05-01"}),
        ("personal_info", {"linkedin": "https://www.linkedin.com/in/ada", "email": "a@b.c"}),
        ("profile", {"custom_fields": {"k" * 50: 1, "a b_c.d-e": [1, {"x": None}], "Z9": True}}),
        ("profile", {"professional_summary": "s" * 5000}),
        ("skills", {"technical": ["C", "C++", "C#"], "soft": ["C"]}),
    ],
)
def test_valid_edge_values_are_accepted(part: str, changes: dict[str, Any]) -> None:
    sut = create(content_with(part, changes))

    assert sut.version == 1
    assert sut.problems() == []


def test_an_unknown_top_level_field_is_rejected() -> None:
    with pytest.raises(InvalidValue) as caught:
        create(minimal(version=7))

    assert ("version", "unknown_field") in codes_at(caught.value)


# --- revise (PUT) ---------------------------------------------------------------------------


def test_revise_replaces_a_list_keeping_known_ids_and_dropping_the_rest(profile: Profile) -> None:
    e0, e1, e2 = profile.experiences
    ids = Ids()

    sut = revise(
        profile,
        {"experiences": [job("E2 again", id=e2.id), job("New"), job("E0 again", id=e0.id)]},
        new_id=ids,
        at=EDITED,
    )

    assert [(e.id, e.title) for e in sut.experiences] == [
        (e2.id, "E2 again"),
        (ids.issued[0], "New"),
        (e0.id, "E0 again"),
    ]
    assert e1.id not in {e.id for e in sut.experiences}
    assert sut.version == profile.version + 1
    assert sut.updated_at == EDITED
    assert sut.education == profile.education
    assert sut.skills == profile.skills


def test_revise_adds_an_item_with_an_unknown_id_under_a_new_id(profile: Profile) -> None:
    ids = Ids()
    sut = revise(
        profile,
        {"experiences": [job("ok"), job("ghost", id="no-such-id")], "custom_fields": {}},
        new_id=ids,
        at=EDITED,
    )

    assert [e.title for e in sut.experiences] == ["ok", "ghost"]
    assert [e.id for e in sut.experiences] == ids.issued[:2]
    assert sut.version == profile.version + 1


def test_revise_cannot_take_an_id_of_another_kind(profile: Profile) -> None:
    project_id = profile.projects[0].id

    sut = revise(profile, {"experiences": [job("E", id=project_id)]}, new_id=Ids(), at=EDITED)

    assert sut.experiences[0].id != project_id
    assert sut.projects[0].id == project_id


def test_revise_keeps_a_known_id_once_and_adds_a_repeat_as_new(profile: Profile) -> None:
    known = profile.experiences[0].id

    sut = revise(
        profile,
        {"experiences": [job("A", id=known), job("B", id=known), job("C", id="")]},
        new_id=Ids(),
        at=EDITED,
    )

    assert sut.experiences[0].id == known
    assert len({e.id for e in sut.experiences}) == 3


def test_revise_custom_fields_replaces_them_and_checks_keys(profile: Profile) -> None:
    sut = revise(profile, {"custom_fields": {"pronouns": "she/her"}}, new_id=Ids(), at=EDITED)
    assert sut.custom_fields == {"pronouns": "she/her"}

    with pytest.raises(InvalidValue) as caught:
        revise(profile, {"custom_fields": {"bad/key": 1}}, new_id=Ids(), at=EDITED)
    assert ("custom_fields.bad/key", "invalid_key") in codes_at(caught.value)


def test_revise_skills_keeps_sent_certification_ids_and_renews_unknown_ones(
    profile: Profile,
) -> None:
    c0, c1 = profile.skills.certifications
    ids = Ids()

    sut = revise(
        profile,
        {
            "skills": {
                "technical": ["Rust", "Python"],
                "certifications": [cert("new"), {"id": c1.id, "name": "C1 renamed"}],
            }
        },
        new_id=ids,
        at=EDITED,
    )

    assert sut.skills.technical == ("Rust", "Python")
    assert sut.skills.soft == ()
    assert [(c.id, c.name) for c in sut.skills.certifications] == [
        (ids.issued[0], "new"),
        (c1.id, "C1 renamed"),
    ]
    assert c0.id not in {c.id for c in sut.skills.certifications}

    forged = revise(
        profile,
        {"skills": {"certifications": [{"id": "forged", "name": "X"}]}},
        new_id=Ids(),
        at=EDITED,
    )
    assert [c.name for c in forged.skills.certifications] == ["X"]
    assert forged.skills.certifications[0].id != "forged"


def test_revise_with_nothing_still_counts_as_one_write(profile: Profile) -> None:
    sut = revise(profile, {}, new_id=Ids(), at=EDITED)

    assert sut.version == profile.version + 1
    assert content_parts(sut) == content_parts(profile)


# --- apply_all: components ------------------------------------------------------------------


def test_add_inserts_at_the_position_with_a_fresh_id(profile: Profile) -> None:
    ids = Ids()

    sut = apply(
        profile, Operation(op="add", kind="experience", data=job("New"), position=1), ids=ids
    )

    assert titles(sut) == ["E0", "New", "E1", "E2"]
    assert sut.experiences[1].id == ids.issued[0]
    assert sut.experiences[1].id not in {item.id for _, _, item in all_items(profile)}


def test_add_without_position_appends_and_the_last_slot_is_allowed(profile: Profile) -> None:
    sut = apply(
        profile,
        Operation(op="add", kind="experience", data=job("Appended")),
        Operation(op="add", kind="experience", data=job("At end"), position=4),
    )

    assert titles(sut) == ["E0", "E1", "E2", "Appended", "At end"]


@pytest.mark.parametrize("position", [-1, 4, 100])
def test_add_outside_the_list_is_rejected(profile: Profile, position: int) -> None:
    error = rejected(
        profile, Operation(op="add", kind="experience", data=job("X"), position=position)
    )

    assert {(e.index, e.field, e.code) for e in error.errors} == {
        (0, "position", "invalid_position")
    }


def test_add_with_a_client_id_is_rejected(profile: Profile) -> None:
    error = rejected(
        profile, Operation(op="add", kind="project", data={"id": "mine", "name": "Mine"})
    )

    assert {(e.index, e.field, e.code) for e in error.errors} == {(0, "data.id", "id_not_allowed")}


def test_add_reports_rule_breaks_under_data(profile: Profile) -> None:
    error = rejected(
        profile,
        Operation(op="add", kind="education", data=school("", gpa=9, end_date="2020-13")),
    )

    assert {(e.index, e.field, e.code) for e in error.errors} == {
        (0, "data.institution", "required"),
        (0, "data.gpa", "gpa_out_of_range"),
        (0, "data.end_date", "invalid_date"),
    }


def test_add_with_an_unknown_field_or_a_wrong_type_is_rejected(profile: Profile) -> None:
    error = rejected(
        profile,
        Operation(op="add", kind="experience", data={**job("X"), "salary": 1}),
        Operation(op="add", kind="experience", data={**job("X"), "achievements": "one"}),
        Operation(op="add", kind="experience", data=["not", "an", "object"]),
    )

    assert failing_indexes(error) == [0, 1, 2]
    assert {e.code for e in error.errors} == {"invalid_data"}


def test_update_keeps_the_id_and_position_and_merges_the_data(profile: Profile) -> None:
    e1 = profile.experiences[1]

    sut = apply(profile, Operation(op="update", kind="experience", id=e1.id, data={"title": "X"}))

    updated = sut.experiences[1]
    assert updated.id == e1.id
    assert updated.title == "X"
    assert updated.company == e1.company
    assert updated.start_date == e1.start_date
    assert updated.achievements == ("Shipped it",)
    assert titles(sut) == ["E0", "X", "E2"]


def test_update_may_repeat_its_own_id_but_not_another(profile: Profile) -> None:
    e0, e1, _ = profile.experiences

    same = apply(profile, Operation(op="update", kind="experience", id=e0.id, data={"id": e0.id}))
    assert same.experiences[0] == e0

    error = rejected(
        profile, Operation(op="update", kind="experience", id=e0.id, data={"id": e1.id})
    )
    assert {(e.index, e.field, e.code) for e in error.errors} == {(0, "data.id", "id_not_allowed")}


def test_update_that_breaks_a_rule_after_merging_is_rejected(profile: Profile) -> None:
    e0 = profile.experiences[0]  # starts 2020-01

    error = rejected(
        profile,
        Operation(op="update", kind="experience", id=e0.id, data={"end_date": "2019-12"}),
        Operation(op="update", kind="experience", id=e0.id, data={"is_current": True}),
        Operation(
            op="update",
            kind="experience",
            id=e0.id,
            data={"is_current": True, "end_date": "2021-01"},
        ),
    )

    assert {(e.index, e.field, e.code) for e in error.errors} == {
        (0, "data.end_date", "end_before_start"),
        (2, "data.end_date", "current_with_end_date"),
    }


@pytest.mark.parametrize("op", ["update", "remove", "move"])
def test_an_unknown_or_missing_id_is_rejected(profile: Profile, op: str) -> None:
    error = rejected(
        profile,
        Operation(op=op, kind="experience", id="no-such-id", data={"title": "x"}, position=0),  # type: ignore[arg-type]
        Operation(op=op, kind="experience", data={"title": "x"}, position=0),  # type: ignore[arg-type]
        Operation(op=op, kind="education", id=profile.experiences[0].id, data={}, position=0),  # type: ignore[arg-type]
    )

    assert [(e.index, e.field, e.code) for e in error.errors] == [
        (0, "id", "not_found"),
        (1, "id", "id_required"),
        (2, "id", "not_found"),
    ]


def test_remove_drops_only_that_item(profile: Profile) -> None:
    e0, e1, e2 = profile.experiences

    sut = apply(profile, Operation(op="remove", kind="experience", id=e1.id))

    assert sut.experiences == (e0, e2)


@pytest.mark.parametrize(
    ("source", "position", "expected"),
    [
        (2, 0, ["E2", "E0", "E1"]),
        (0, 2, ["E1", "E2", "E0"]),
        (1, 1, ["E0", "E1", "E2"]),
        (0, 1, ["E1", "E0", "E2"]),
    ],
)
def test_move_puts_the_item_at_the_position(
    profile: Profile, source: int, position: int, expected: list[str]
) -> None:
    item = profile.experiences[source]

    sut = apply(profile, Operation(op="move", kind="experience", id=item.id, position=position))

    assert titles(sut) == expected
    assert sut.experiences[position] == item


@pytest.mark.parametrize(
    ("position", "code"),
    [(3, "invalid_position"), (-1, "invalid_position"), (None, "position_required")],
)
def test_move_outside_the_list_or_without_position_is_rejected(
    profile: Profile, position: int | None, code: str
) -> None:
    item = profile.experiences[0]

    error = rejected(
        profile, Operation(op="move", kind="experience", id=item.id, position=position)
    )

    assert {(e.index, e.field, e.code) for e in error.errors} == {(0, "position", code)}


def test_certifications_are_components_too(profile: Profile) -> None:
    c0, c1 = profile.skills.certifications
    ids = Ids()

    sut = apply(
        profile,
        Operation(op="add", kind="certification", data=cert("C2", date_obtained="2021-05")),
        Operation(op="update", kind="certification", id=c0.id, data={"name": "C0 v2"}),
        Operation(op="move", kind="certification", id=c1.id, position=2),
        Operation(op="remove", kind="certification", id=c0.id),
        ids=ids,
    )

    assert [(c.id, c.name) for c in sut.skills.certifications] == [
        (ids.issued[0], "C2"),
        (c1.id, "C1"),
    ]
    assert sut.skills.technical == profile.skills.technical


def test_ids_stay_unique_across_kinds(profile: Profile) -> None:
    sut = apply(
        profile,
        Operation(op="add", kind="experience", data=job("a")),
        Operation(op="add", kind="education", data=school("b")),
        Operation(op="add", kind="project", data=project("c")),
        Operation(op="add", kind="certification", data=cert("d")),
    )

    every_id = [item.id for _, _, item in all_items(sut)]
    assert len(every_id) == len(set(every_id)) == len(all_items(profile)) + 4


def all_items(profile: Profile) -> list[tuple[str, int, Any]]:
    return [
        (kind, i, item)
        for kind in ("experience", "education", "project", "certification")
        for i, item in enumerate(profile.items(kind))
    ]


# --- apply_all: skills ----------------------------------------------------------------------


def skill(op: str, name: str | None = None, **extra: Any) -> Operation:
    position = extra.pop("position", None)
    ident = extra.pop("id", None)
    data = {"name": name, **extra} if name is not None else (extra or None)
    return Operation(op=op, kind="skill", id=ident, data=data, position=position)  # type: ignore[arg-type]


def test_skill_add_appends_trimmed_and_skips_case_insensitive_duplicates(profile: Profile) -> None:
    sut = apply(
        profile,
        skill("add", "  Rust "),
        skill("add", "PYTHON"),
        skill("add", "rust"),
        skill("add", "Empathy", category="soft"),
    )

    assert sut.skills.technical == ("Python", "Go", "Rust")
    assert sut.skills.soft == ("Writing", "Mentoring", "Empathy")
    assert sut.version == profile.version + 1


def test_skill_add_at_a_position(profile: Profile) -> None:
    sut = apply(profile, skill("add", "Rust", position=0), skill("add", "Zig", position=2))

    assert sut.skills.technical == ("Rust", "Python", "Zig", "Go")


def test_skill_remove_move_and_rename_find_names_case_insensitively(profile: Profile) -> None:
    sut = apply(
        profile,
        skill("add", "Rust"),
        skill("move", id="rust", position=0),
        skill("update", "Golang", id="GO"),
        skill("remove", id=" python "),
        skill("move", id="writing", category="soft", position=1),
    )

    assert sut.skills.technical == ("Rust", "Golang")
    assert sut.skills.soft == ("Mentoring", "Writing")


def test_skill_errors_name_the_operation_and_field(profile: Profile) -> None:
    error = rejected(
        profile,
        skill("add", "Rust", category="hard"),
        skill("add", "   "),
        skill("add", "x" * 101),
        skill("remove", id="Cobol"),
        skill("remove", id="Writing"),  # it is a soft skill; technical is the default
        skill("move", id="Go", position=2),
        skill("move", id="Go"),
        skill("update", "", id="Go"),
        skill("add", "Rust", position=5),
    )

    assert [(e.index, e.field, e.code) for e in error.errors] == [
        (0, "data.category", "invalid_category"),
        (1, "data.name", "invalid_name"),
        (2, "data.name", "invalid_name"),
        (3, "id", "not_found"),
        (4, "id", "not_found"),
        (5, "position", "invalid_position"),
        (6, "position", "position_required"),
        (7, "data.name", "invalid_name"),
        (8, "position", "invalid_position"),
    ]


def test_renaming_a_skill_onto_another_is_rejected_naming_the_operation(
    profile: Profile,
) -> None:
    """Contract: any failure answers with every failing index (here the rename, index 1)."""
    error = rejected(profile, skill("add", "Rust"), skill("update", "python", id="Go"))

    assert failing_indexes(error) == [1], error.errors


def test_adding_a_skill_that_differs_only_by_spacing_and_case_is_skipped() -> None:
    """Skills stored by a whole-skills write are matched like the duplicate rule matches them."""
    stored = create(minimal(skills={"technical": [" Python "]}))

    sut = apply(stored, skill("add", "python"))

    assert [name.strip().casefold() for name in sut.skills.technical] == ["python"]


def test_removing_a_skill_finds_it_however_it_was_stored() -> None:
    stored = create(minimal(skills={"technical": [" Python ", "Go"]}))

    sut = apply(stored, skill("remove", id="python"))

    assert sut.skills.technical == ("Go",)


def test_set_skills_keeps_known_certification_ids_and_the_given_order(profile: Profile) -> None:
    c0, c1 = profile.skills.certifications
    ids = Ids()

    sut = apply(
        profile,
        Operation(
            op="set",
            kind="skills",
            data={
                "technical": ["Zig", "Python", "Ada"],
                "soft": [],
                "languages": [{"name": "French", "proficiency": "fluent"}],
                "certifications": [
                    {"id": c1.id, "name": "C1"},
                    cert("fresh"),
                    {"id": c0.id, "name": "C0"},
                ],
            },
        ),
        ids=ids,
    )

    assert sut.skills.technical == ("Zig", "Python", "Ada")
    assert sut.skills.soft == ()
    assert sut.skills.languages[0].name == "French"
    assert [c.id for c in sut.skills.certifications] == [c1.id, ids.issued[0], c0.id]


def test_set_skills_with_an_unknown_certification_id_or_a_duplicate_is_rejected(
    profile: Profile,
) -> None:
    error = rejected(
        profile,
        Operation(op="set", kind="skills", data={"certifications": [{"name": ""}]}),
        Operation(op="set", kind="skills", data={"technical": ["Go", "go"]}),
        Operation(op="set", kind="skills", data="everything"),
        Operation(op="add", kind="skills", data={}),
    )

    assert [(e.index, e.field, e.code) for e in error.errors] == [
        (0, "data.certifications[0].name", "required"),
        (1, "data.technical[1]", "duplicate"),
        (2, "data", "invalid_data"),
        (3, "op", "unsupported_operation"),
    ]


# --- apply_all: custom fields ---------------------------------------------------------------


def field_op(op: str, key: str | None, value: Any = None) -> Operation:
    return Operation(op=op, kind="custom_field", id=key, data=value)  # type: ignore[arg-type]


def test_custom_field_add_update_remove(profile: Profile) -> None:
    sut = apply(
        profile,
        field_op("add", "relocation", True),
        field_op("add", "salary", {"min": 90000, "currency": "EUR"}),
        field_op("update", "relocation", False),
        field_op("remove", "availability"),
    )

    assert sut.custom_fields == {"relocation": False, "salary": {"min": 90000, "currency": "EUR"}}
    assert profile.custom_fields == {"availability": "2 weeks"}


def test_custom_field_errors_name_the_operation(profile: Profile) -> None:
    error = rejected(
        profile,
        field_op("update", "missing", 1),
        field_op("remove", "missing"),
        field_op("add", None, 1),
        field_op("add", "", 1),
        field_op("move", "availability"),
    )

    assert [(e.index, e.field, e.code) for e in error.errors] == [
        (0, "id", "not_found"),
        (1, "id", "not_found"),
        (2, "id", "invalid_operation"),
        (3, "id", "invalid_operation"),
        (4, "op", "unsupported_operation"),
    ]


def test_set_custom_fields_replaces_them(profile: Profile) -> None:
    sut = apply(profile, Operation(op="set", kind="custom_fields", data={"a": 1, "b": [2]}))

    assert sut.custom_fields == {"a": 1, "b": [2]}


@pytest.mark.parametrize("key", ["k" * 51, "bad/key", "$set", " padded", "ключ"])
def test_an_invalid_custom_field_key_is_rejected(profile: Profile, key: str) -> None:
    error = rejected(profile, field_op("add", key, 1))

    assert any(e.code == "invalid_key" for e in error.errors)


def test_an_invalid_custom_field_key_is_reported_at_its_index_beside_other_failures(
    profile: Profile,
) -> None:
    """Contract: a rejected batch lists every failing index, the bad key's included."""
    error = rejected(
        profile,
        field_op("add", "bad/key", 1),
        Operation(op="remove", kind="experience", id="no-such-id"),
    )

    assert failing_indexes(error) == [0, 1], error.errors


# --- apply_all: batches ---------------------------------------------------------------------


def test_a_batch_lists_every_failing_index_and_changes_nothing(profile: Profile) -> None:
    e0 = profile.experiences[0]

    error = rejected(
        profile,
        Operation(op="add", kind="experience", data=job("ok 1")),
        Operation(op="remove", kind="project", id="no-such-id"),
        skill("add", "Rust"),
        Operation(op="add", kind="experience", data=job("bad", start_date="2020-13")),
        field_op("add", "ok", 1),
        Operation(op="move", kind="experience", id=e0.id, position=99),
        Operation(op="update", kind="experience", id=e0.id, data={"title": "ok 2"}),
        Operation(op="add", kind="education", data=school("U", gpa=7)),
    )

    assert failing_indexes(error) == [1, 3, 5, 7]
    assert all(e.index is not None for e in error.errors)
    assert "[1, 3, 5, 7]" in error.message


def test_later_operations_see_the_effect_of_earlier_ones(profile: Profile) -> None:
    ids = Ids()

    sut = apply(
        profile,
        Operation(op="add", kind="project", data=project("P2"), position=0),
        Operation(op="move", kind="project", id="new-1", position=2),
        Operation(op="update", kind="project", id="new-1", data={"description": "d"}),
        field_op("add", "x", 1),
        field_op("update", "x", 2),
        ids=ids,
    )

    assert [p.name for p in sut.projects] == ["P0", "P1", "P2"]
    assert sut.projects[2].description == "d"
    assert sut.custom_fields["x"] == 2


def test_an_operation_on_an_item_removed_earlier_in_the_batch_fails(profile: Profile) -> None:
    e0 = profile.experiences[0]

    error = rejected(
        profile,
        Operation(op="remove", kind="experience", id=e0.id),
        Operation(op="update", kind="experience", id=e0.id, data={"title": "x"}),
    )

    assert failing_indexes(error) == [1]


def test_an_accepted_batch_bumps_the_version_exactly_once(profile: Profile) -> None:
    before = copy.deepcopy(profile)

    sut = apply(
        profile,
        Operation(op="add", kind="experience", data=experience(9)),
        skill("add", "Rust"),
        field_op("add", "x", 1),
        Operation(op="remove", kind="project", id=profile.projects[0].id),
    )

    assert sut.version == profile.version + 1
    assert sut.updated_at == EDITED
    assert sut.created_at == profile.created_at
    assert profile == before
    assert apply(sut, skill("add", "Zig")).version == profile.version + 2


def test_an_empty_batch_is_a_no_op(profile: Profile) -> None:
    sut = apply(profile)

    assert sut is profile
    assert sut.version == 1


def test_at_most_100_operations_per_batch(profile: Profile) -> None:
    # The contract caps bulk arrays at 100 items; a batch of operations is one.
    at_limit = [skill("add", f"S{i}") for i in range(50)] + [
        skill("add", f"S{i}", category="soft") for i in range(48)
    ]
    assert len(at_limit) + 2 == MAX_OPERATIONS

    accepted = apply(profile, *at_limit, field_op("add", "a", 1), field_op("add", "b", 2))
    assert len(accepted.skills.technical) == 52
    assert accepted.version == profile.version + 1

    error = rejected(profile, *[field_op("add", f"k{i}", i) for i in range(MAX_OPERATIONS + 1)])
    assert error.errors == [
        FieldError("too_many", f"Use at most {MAX_OPERATIONS} operations.", "operations")
    ]


def test_a_lone_surrogate_in_a_custom_field_is_a_rule_broken_not_a_crash(profile: Profile) -> None:
    # The HTTP edge refuses it with a 400 first; library callers get a 422-style error too.
    with pytest.raises(InvalidValue) as caught:
        revise(profile, {"custom_fields": {"note": "a\udb0eb"}}, new_id=Ids(), at=EDITED)

    assert ("custom_fields", "invalid_text") in codes_at(caught.value)
