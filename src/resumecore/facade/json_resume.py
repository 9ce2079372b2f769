"""JSON Resume (https://jsonresume.org/schema) in and out, as typed values.

The mapping, and what travels where when one side cannot hold a field, is documented in
``resumecore.jsonresume``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from resumecore.errors import InvalidValue
from resumecore.exports.json_resume import tailored_profile
from resumecore.facade import defaults
from resumecore.ids import ProfileId, UserId
from resumecore.jsonresume import from_json_resume as content_of
from resumecore.jsonresume import to_json_resume as document_of
from resumecore.model.document import WrittenDocument
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile


def to_json_resume(profile: Profile, *, shown_in: WrittenDocument | None = None) -> dict[str, Any]:
    """``profile`` as a JSON Resume document (a dict ready for ``json.dumps``).

    With ``shown_in`` (a resume from ``generate_resume``), only what that resume shows, in its
    order, with its summary: the tailored resume as JSON Resume.

    Raises:
        InvalidValue: ``shown_in`` is not a resume (a cover letter is no resume).

    >>> from resumecore import build_profile
    >>> ada = build_profile({
    ...     "personal_info": {"full_name": "Ada Lovelace", "email": "ada@example.com"},
    ...     "skills": {"technical": ["Python"], "soft": ["Mentoring"]},
    ... })
    >>> document = to_json_resume(ada)
    >>> document["basics"], document["skills"]
    ({'name': 'Ada Lovelace', 'email': 'ada@example.com'}, [{'name': 'Technical', 'keywords': ['Python']}, {'name': 'Soft skills', 'keywords': ['Mentoring']}])
    """  # noqa: E501 - a doctest's expected output is one line
    if shown_in is not None and shown_in.document_type != "resume":
        message = f"shown_in takes a resume from generate_resume, not a {shown_in.document_type}."
        raise InvalidValue.for_field("shown_in", "invalid_document", message)
    return document_of(tailored_profile(profile, shown_in) if shown_in else profile)


def from_json_resume(
    document: Mapping[str, Any],
    *,
    profile_id: str | None = None,
    user_id: str | None = None,
    at: datetime | None = None,
    new_id: Callable[[], str] | None = None,
) -> Profile:
    """A validated profile from a JSON Resume document; nothing in it is lost.

    What our model has no field for (awards, volunteer work, unknown keys, values our rules
    refuse) is kept in ``custom_fields["jsonresume"]`` and written back by
    ``to_json_resume``. Ids and ``at`` as in ``build_profile``.

    Raises:
        InvalidValue: the document does not have the schema's shape (a field of the wrong
            type, a malformed date), naming each field.

    >>> ada = from_json_resume({
    ...     "basics": {"name": "Ada Lovelace"},
    ...     "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-01"}],
    ...     "awards": [{"title": "Best paper"}],
    ... })
    >>> ada.personal_info.full_name, ada.experiences[0].company
    ('Ada Lovelace', 'Acme')
    >>> to_json_resume(ada)["awards"]
    [{'title': 'Best paper'}]
    """
    if not isinstance(document, Mapping):
        raise InvalidValue("A JSON Resume document is a JSON object.", code="invalid_document")
    return new_profile(
        ProfileId(profile_id or defaults.new_id()),
        UserId(user_id or defaults.LOCAL_USER),
        content_of(dict(document)),
        is_primary=True,
        new_id=new_id or defaults.new_id,
        at=defaults.moment(at),
        keep_enhanced=True,
    )
