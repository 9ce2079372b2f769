"""Strategies for JSON Resume documents that the schema accepts, odd values in every field.

Valid means the shapes ``from_json_resume`` checks (``resumecore.jsonresume.shape``).

Formats (``email``, ``uri``) are not checked by the schema's plain validation, so some values
are deliberately not e-mails or URLs: an importer must keep them anyway.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from resumecore.testing.components import json_values
from resumecore.testing.text import partial_dates, web_urls, words

Fields = dict[str, st.SearchStrategy[Any]]


def _strategies() -> dict[str, st.SearchStrategy[Any]]:
    any_text = st.sampled_from(["", " ", "x" * 201, "x" * 5001]) | st.text(max_size=12)
    iso = st.from_regex(r"[12][0-9]{3}(-[01][0-9](-[0-3][0-9])?)?", fullmatch=True).filter(
        lambda s: "\n" not in s
    )
    good_date = partial_dates()
    return {
        "text": any_text,
        "good_date": good_date,
        "date": iso | good_date | st.sampled_from(["2019", "1899", "2019-02-30"]),
        "url": web_urls() | st.sampled_from(["", "ftp://example.com", "not a url", "http://"]),
        "skill": st.sampled_from(
            ["Python", "python", "Go", "SQL", " ", "", "Soft skills", "x" * 101]
        ),
    }


def _item(fields: Fields, *, usual: Fields | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Items with any subset of ``fields``, or (as often) with the ``usual`` ones always set."""
    anything = st.fixed_dictionaries({}, optional={**fields, "x-extra": json_values()})
    if usual is None:
        return anything
    rest = {k: v for k, v in fields.items() if k not in usual}
    return anything | st.fixed_dictionaries(usual, optional={**rest, "x-extra": json_values()})


def _sections(s: dict[str, st.SearchStrategy[Any]]) -> dict[str, st.SearchStrategy[Any]]:
    text, date, url, skill = s["text"], s["date"], s["url"], s["skill"]
    work = _item(
        {"name": text | words(), "position": text | words(), "location": text,
         "description": text, "url": url, "startDate": date, "endDate": date, "summary": text,
         "highlights": st.lists(text, max_size=3)},
        usual={"name": words(), "position": words(), "startDate": s["good_date"] | date},
    )  # fmt: skip
    education = _item(
        {"institution": words() | text, "studyType": words() | text, "area": text, "url": url,
         "startDate": date, "endDate": date,
         "score": st.sampled_from(["3.5", "4", "4.0", "3.67/4.0", "5", " 2.0", "1e-3"]) | text,
         "courses": st.lists(text, max_size=2)},
        usual={"institution": words(), "studyType": words()},
    )  # fmt: skip
    project = _item(
        {"name": words() | text, "description": text, "url": url,
         "highlights": st.lists(text, max_size=2), "keywords": st.lists(skill, max_size=3),
         "startDate": date, "endDate": date, "roles": st.lists(words(), max_size=2),
         "entity": text, "type": text},
        usual={"name": words()},
    )  # fmt: skip
    fluency = st.sampled_from(["Native speaker", "fluent", "Beginner", "C2", ""]) | text
    loose = st.dictionaries(words(), json_values(), max_size=3)
    return {
        "work": st.lists(work, max_size=3),
        "education": st.lists(education, max_size=2),
        "projects": st.lists(project, max_size=2),
        "certificates": st.lists(
            _item({"name": words() | text, "date": date, "issuer": text, "url": url},
                  usual={"name": words()}), max_size=2),
        "languages": st.lists(
            _item({"language": words() | text, "fluency": fluency}, usual={"language": words()}),
            max_size=3),
        "skills": st.lists(
            _item({"name": skill | words(), "level": text,
                   "keywords": st.lists(skill, max_size=4)}), max_size=3),
        "volunteer": st.lists(_item({"organization": text, "startDate": date}), max_size=1),
        "awards": st.lists(_item({"title": text, "date": date}), max_size=1),
        "publications": st.lists(loose, max_size=1),
        "interests": st.lists(
            _item({"name": text, "keywords": st.lists(text, max_size=2)}), max_size=1),
        "references": st.lists(loose, max_size=1),
    }  # fmt: skip


def _basics(s: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    text, url = s["text"], s["url"]
    location = _item(
        dict.fromkeys(("address", "postalCode", "city", "countryCode", "region"), text)
    )
    profile = _item(
        {"network": st.sampled_from(["LinkedIn", "linkedin", "GitHub", "Twitter", ""]),
         "username": text, "url": url},
        usual={"network": st.sampled_from(["LinkedIn", "GitHub"]), "url": web_urls()},
    )  # fmt: skip
    return _item(
        {"name": text | words(), "label": text, "image": text,
         "email": st.sampled_from(["a@b.com", "no-at-sign", ""]) | text, "phone": text,
         "url": url, "summary": text, "location": location,
         "profiles": st.lists(profile, max_size=3)}
    )  # fmt: skip


def json_resume_documents() -> st.SearchStrategy[dict[str, Any]]:
    """Documents valid per the JSON Resume schema, with odd but allowed content.

    Any subset of its sections, unknown keys (which an import keeps), empty and over-long
    text, partial dates, non-URL ``url`` values.
    """
    s = _strategies()
    meta = _item({"canonical": s["url"], "version": s["text"], "lastModified": s["text"]})
    return st.fixed_dictionaries(
        {},
        optional={
            "$schema": s["text"],
            "basics": _basics(s),
            **_sections(s),
            "meta": meta,
            "x-top-level": json_values(),
        },
    )
