"""Filters of the job list."""

from __future__ import annotations

import msgspec

from resumecore.model.job import Job


class JobFilters(msgspec.Struct, frozen=True, kw_only=True):
    """Every filter is optional; ``q`` matches title, company, location and description.

    A ``q`` of several words matches a job that contains every word, in any order and place
    ("python developer" finds "Developer (Python)"); see ``search_words``.
    """

    status: str | None = None
    source: str | None = None
    employment_type: str | None = None
    remote: bool | None = None
    application_status: str | None = None
    q: str | None = None


def search_text(*parts: str | None) -> str:
    """The lower-cased text ``q`` is matched against."""
    return " ".join(part for part in parts if part).casefold()[:20_000]


# Words of ``q`` searched for; more are ignored (each is one more condition on every row).
MAX_SEARCH_WORDS = 8


def search_words(q: str | None) -> list[str]:
    """The lower-cased words of ``q`` that a match must all contain, each once, first ones first."""
    return list(dict.fromkeys((q or "").casefold().split()))[:MAX_SEARCH_WORDS]


def contains_search_words(text: str, q: str | None) -> bool:
    """True when ``text`` (a ``search_text``) contains every word of ``q``; always for none."""
    return all(word in text for word in search_words(q))


def in_place(job: Job, location: str | None) -> bool:
    """True when ``location`` is empty or part of the job's location, in any case."""
    return (location or "").casefold() in (job.location or "").casefold()
