"""Strategies for the parts of a profile: components, personal info and skills.

Every value passes its own ``problems()``; ids are ``""`` (a profile strategy gives unique ones).
``max_items`` bounds each component's inner lists (achievements, technologies, honors, ...).
Each factory builds its strategy once per argument set (strategies are immutable): building and
validating them again for every draw made a default profile take ~0.1 s to draw.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import msgspec
from hypothesis import strategies as st

from resumecore.commands import COMPONENT_COMMANDS
from resumecore.model.components import Certification, Education, Experience, Project
from resumecore.model.profile_parts import Language, PersonalInfo, Skills
from resumecore.testing import text

T = TypeVar("T")


def _maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _tuples(strategy: st.SearchStrategy[T], max_size: int) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, max_size=max_size).map(tuple)


@functools.cache
@st.composite
def experiences(draw: st.DrawFn, *, max_items: int = 5, enhanced: bool = True) -> Experience:
    """A valid ``Experience`` (``is_current`` only without an end date)."""
    start, end = draw(text.date_spans(start_required=True))
    return Experience(
        title=draw(text.realistic(text.TITLES)),
        company=draw(text.realistic(text.COMPANIES)),
        location=draw(_maybe(text.words())),
        start_date=start or "",
        end_date=end,
        is_current=end is None and draw(st.booleans()),
        description=draw(_maybe(text.sentences())),
        achievements=draw(_tuples(text.sentences(), max_items)),
        technologies=draw(_tuples(text.realistic(text.SKILLS), max_items)),
        enhanced_description=draw(_maybe(text.sentences())) if enhanced else None,
    )


@functools.cache
@st.composite
def educations(draw: st.DrawFn, *, max_items: int = 2) -> Education:
    """A valid ``Education`` entry (GPA 0-4 or none)."""
    start, end = draw(text.date_spans())
    return Education(
        institution=draw(text.realistic(text.COMPANIES)),
        degree=draw(text.realistic(text.DEGREES)),
        field_of_study=draw(_maybe(text.words())),
        start_date=start,
        end_date=end,
        is_current=end is None and draw(st.booleans()),
        gpa=draw(_maybe(st.floats(0, 4, allow_nan=False))),
        honors=draw(_tuples(text.sentences(), max_items)),
    )


@functools.cache
@st.composite
def projects(draw: st.DrawFn, *, max_items: int = 3, enhanced: bool = True) -> Project:
    """A valid ``Project``."""
    start, end = draw(text.date_spans())
    return Project(
        name=draw(text.words()),
        description=draw(_maybe(text.sentences())),
        technologies=draw(_tuples(text.realistic(text.SKILLS), max_items)),
        url=draw(_maybe(text.web_urls())),
        start_date=start,
        end_date=end,
        is_ongoing=end is None and draw(st.booleans()),
        highlights=draw(_tuples(text.sentences(), max_items)),
        enhanced_description=draw(_maybe(text.sentences())) if enhanced else None,
    )


@functools.cache
@st.composite
def certifications(draw: st.DrawFn) -> Certification:
    """A valid ``Certification`` (expiry not before the date obtained)."""
    obtained, expiry = draw(text.date_spans())
    return Certification(
        name=draw(text.realistic(text.SKILLS)),
        issuer=draw(_maybe(text.realistic(text.COMPANIES))),
        date_obtained=obtained,
        expiry_date=expiry,
        credential_id=draw(_maybe(text.words())),
    )


@functools.cache
def skill_names(max_size: int = 25) -> st.SearchStrategy[tuple[str, ...]]:
    """Skill names without case-insensitive duplicates, in the user's order."""
    names = st.lists(
        text.realistic(text.SKILLS), max_size=max_size, unique_by=lambda s: s.strip().casefold()
    )
    return names.map(tuple)


@functools.cache
def skills(
    *, max_skills: int = 25, max_languages: int = 2, max_certifications: int = 3
) -> st.SearchStrategy[Skills]:
    """Valid ``Skills``; certification ids are ``""`` (see ``profiles`` for unique ones)."""
    languages = st.builds(
        Language,
        name=text.realistic(text.SKILLS),
        proficiency=st.sampled_from(["native", "fluent", "conversational", "basic"]),
    )
    return st.builds(
        Skills,
        technical=skill_names(max_skills),
        soft=skill_names(max_skills),
        languages=_tuples(languages, max_languages),
        certifications=_tuples(certifications(), max_certifications),
    )


@functools.cache
def personal_infos() -> st.SearchStrategy[PersonalInfo]:
    """Valid contact details; only the full name is always there."""
    return st.builds(
        PersonalInfo,
        full_name=st.sampled_from(text.NAMES) | text.words(),
        email=_maybe(text.emails()),
        phone=_maybe(st.sampled_from(["+1 555 0100", "+44 20 7946 0958", "0301234567"])),
        location=_maybe(text.words()),
        linkedin=_maybe(text.web_urls()),
        github=_maybe(text.web_urls()),
        website=_maybe(text.web_urls()),
    )


@functools.cache
def json_values() -> st.SearchStrategy[Any]:
    """Small JSON values (what a custom field may hold)."""
    return st.recursive(
        st.none() | st.booleans() | st.integers(-1000, 1000) | text.words(),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(text.words(), inner, max_size=3)
        ),
        max_leaves=6,
    )


@functools.cache
def custom_fields(max_size: int = 3) -> st.SearchStrategy[dict[str, Any]]:
    """Custom fields with valid keys (never ``jsonresume``, which an export reserves)."""
    key = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 _.\-]{0,20}", fullmatch=True).filter(
        lambda k: k != "jsonresume"
    )
    return st.dictionaries(key, json_values(), max_size=max_size)


COMPONENTS: dict[str, Callable[..., st.SearchStrategy[Any]]] = {
    "experience": experiences, "education": educations,
    "project": projects, "certification": certifications,
}  # fmt: skip
# Fields a partial update may give alone: the dates and the "ongoing" flag only go together.
TIMED = {"start_date", "end_date", "is_current", "is_ongoing", "date_obtained", "expiry_date"}


@functools.cache
def component_data(kind: str, **sizes: Any) -> st.SearchStrategy[dict[str, Any]]:
    """A valid component of ``kind`` as plain data without an id.

    This is what an add operation and a profile's content carry; ``sizes`` go to the kind's
    strategy (``max_items=``, and ``enhanced=`` for experiences and projects).
    """
    return COMPONENTS[kind](**sizes).map(lambda item: without_id(as_json_data(item)))


def as_json_data(value: Any) -> Any:
    """``value`` as a client sends it: JSON objects, arrays (never tuples) and scalars."""
    return msgspec.json.decode(msgspec.json.encode(value))


def without_id(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without its ``id`` (a component as a client sends it)."""
    return {name: value for name, value in data.items() if name != "id"}


@functools.cache
def component_changes(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """A partial update, as plain data, that keeps any valid item of ``kind`` valid.

    It gives some of the fields (never the dates or the ongoing flag alone) or every field.
    """
    allowed = commands_of_op("update")[kind].changes_type().__struct_fields__

    @st.composite
    def changes(draw: st.DrawFn) -> dict[str, Any]:
        fresh = draw(component_data(kind))
        names = [n for n in allowed if draw(st.booleans()) and n not in TIMED]
        if draw(st.booleans()):  # every field: the item becomes the fresh one
            names = list(allowed)
        return {n: fresh[n] for n in names if n in fresh}

    return changes()


def commands_of_op(op: str) -> dict[str, type[Any]]:
    """The command type of ``op`` (add, update, remove, move) per kind."""
    return {kind: command for (o, kind), command in COMPONENT_COMMANDS.items() if o == op}
