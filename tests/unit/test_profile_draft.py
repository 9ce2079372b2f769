"""Creation from the typed body (``draft_profile``) against the plain-data path (``new_profile``).

``POST /api/v1/profiles`` hands the decoded body to the domain as a ``ProfileDraft``; library
callers and JSON Resume import hand plain data to ``new_profile``. For any body the HTTP
decoder accepts, valid or breaking rules, both must give the same profile (ids included, from
the same deterministic generator) or the same error, field paths included.
"""

from __future__ import annotations

import itertools
import types
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, get_args

import msgspec
import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from resumecore.errors import InvalidValue
from resumecore.ids import ProfileId, UserId
from resumecore.model.component_kinds import KINDS
from resumecore.model.profile import Profile
from resumecore.model.profile_draft import draft_profile
from resumecore.model.profile_revision import new_profile
from resumecore.testing import text
from resumecore.testing.profiles import profile_contents
from resumecore_server.entrypoints.http.schemas.profile_commands import draft_of
from resumecore_server.entrypoints.http.schemas.profiles import ProfileCreate, content_of
from tests.support.profiles import experience, full_profile

AT = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
# Text that breaks some rule somewhere (blank, too long, not a date, not a web URL, no "@"),
# or keeps them: every field of text type gets one of these.
ODD_TEXTS = ("", " ", "x" * 201, "y" * 5001, "2020-13", "2019-01", "2031-06", "not a date")
URLS_AND_EMAILS = ("https://ok.example/a", "ftp://bad.example", "no-at-sign", "a@b.example")
TEXTS = st.sampled_from(ODD_TEXTS + URLS_AND_EMAILS) | text.odd_text(20)
ITEM_LISTS = {"experiences": "experience", "education": "education", "projects": "project"}


def _values(annotation: Any) -> st.SearchStrategy[Any]:
    """Values the decoder accepts for a field of ``annotation`` (some breaking its rules)."""
    options = set(get_args(annotation)) or {annotation}
    found: st.SearchStrategy[Any] = st.nothing()
    if str in options:
        found |= TEXTS
    if float in options:
        found |= st.floats(-5, 10, allow_nan=False)
    if bool in options:
        found |= st.booleans()
    if any(getattr(option, "__origin__", None) is tuple for option in options) or (
        getattr(annotation, "__origin__", None) is tuple
    ):
        found |= st.lists(TEXTS, max_size=3)
    return found | st.none() if types.NoneType in options else found


def _field_values(kind: str) -> st.SearchStrategy[tuple[str, Any]]:
    fields = msgspec.structs.fields(KINDS[kind].type)
    extra = [("github_url", str | None)] if kind == "project" else []
    return st.one_of(
        *[st.tuples(st.just(f.name), _values(f.type)) for f in fields],
        *[st.tuples(st.just(name), _values(kind_of)) for name, kind_of in extra],
    )


@st.composite
def bodies(draw: st.DrawFn) -> dict[str, Any]:
    """A creation body: a valid profile's content with up to six fields set to odd values."""
    body = draw(profile_contents(max_experiences=4, max_items=2))
    for _ in range(draw(st.integers(0, 6))):
        part = draw(st.sampled_from([*ITEM_LISTS, "certifications", "personal_info", "other"]))
        if part in ITEM_LISTS or part == "certifications":
            items = body[part] if part in ITEM_LISTS else body["skills"]["certifications"]
            if items:
                name, value = draw(_field_values(ITEM_LISTS.get(part, "certification")))
                draw(st.sampled_from(items))[name] = value
        elif part == "personal_info":
            name = draw(st.sampled_from(sorted(body["personal_info"])))
            body["personal_info"][name] = draw(TEXTS)
        else:
            _other(draw, body)
    return body


def _other(draw: st.DrawFn, body: dict[str, Any]) -> None:
    what = draw(st.sampled_from(["summary", "skill", "language", "key", "many"]))
    skills = body["skills"]
    if what == "summary":
        body["professional_summary"] = draw(TEXTS | st.none())
    elif what == "skill":
        category = draw(st.sampled_from(["technical", "soft"]))
        skills[category] = [*skills[category], draw(TEXTS), *skills[category][:1]]
    elif what == "language":
        skills["languages"] = [*skills["languages"], {"name": draw(TEXTS)}]
    elif what == "key":
        body["custom_fields"] = {**body["custom_fields"], draw(TEXTS): 1}
    else:
        skills["certifications"] = [{"name": f"Cert {i}"} for i in range(201)]


def _ids() -> Callable[[], str]:
    count = itertools.count(1)
    return lambda: f"id-{next(count)}"


def _outcome(build: Callable[..., Profile], content: Any) -> Any:
    try:
        return build(
            ProfileId("p-1"), UserId("u-1"), content, is_primary=True, new_id=_ids(), at=AT
        )
    except InvalidValue as exc:
        return (str(exc), exc.code, exc.errors)


def _both(data: dict[str, Any]) -> tuple[Any, Any]:
    body = msgspec.json.decode(msgspec.json.encode(data), type=ProfileCreate)
    return _outcome(new_profile, content_of(body)), _outcome(draft_profile, draft_of(body))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies())
def test_the_typed_path_gives_what_the_plain_data_path_gives(data: dict[str, Any]) -> None:
    try:
        plain, typed = _both(data)
    except msgspec.ValidationError:
        assume(False)  # a 400 at the HTTP boundary: never reaches the domain
    event("invalid" if isinstance(typed, tuple) else "valid")
    assert typed == plain


def test_a_broken_item_is_reported_at_its_path_by_both() -> None:
    data = full_profile()
    data["experiences"][1] = {**experience(1), "start_date": "2021-05", "end_date": "2020-01"}
    plain, typed = _both(data)
    assert typed == plain
    assert [e.field for e in typed[2]] == ["experiences[1].end_date"]


@pytest.mark.parametrize("echoed", [{"id": "mine", "enhanced_description": "kept?"}, {"id": ""}])
def test_ids_enhanced_texts_and_blanks_sent_by_clients_are_ignored(
    echoed: dict[str, str],
) -> None:
    data = full_profile()
    data["projects"][0] |= {**echoed, "url": "", "github_url": "https://github.com/a/b"}
    plain, typed = _both(data)
    assert typed == plain
    project = typed.projects[0]
    assert project.id.startswith("id-")
    assert (project.enhanced_description, project.url) == (None, None)
    assert project.repository_url == "https://github.com/a/b"
