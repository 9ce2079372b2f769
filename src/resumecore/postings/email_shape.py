"""Postings that are a recruiter's e-mail: the subject line, the client company in prose.

A recruiter's own company and signature are not the employer, and the first bullet of the mail
is not the title: the title comes from a label, the subject line or a sentence naming the role.
"""

from __future__ import annotations

import re

from resumecore.postings import places

SUBJECT_LABELS = frozenset({"subject", "betreff", "objet", "asunto", "re", "fw", "fwd"})
_SUBJECT_PARTS = re.compile(r"\s+(?:\||\u2013|\u2014|-)\s+|\s*\((?=[^()]*\)\s*$)|\)\s*$")
_CLIENT = re.compile(
    r"\b(?:on behalf of|my client(?:s)?(?: is)?,?|our client,?|one of my clients,?|"
    r"with our client|client of ours,?|mein kunde(?: ist)?|unser kunde(?: ist)?)\s+"
    r"(?P<name>[A-Z][\w&.'\u2019-]*(?: (?:&|[A-Z][\w&.'\u2019-]*)){0,4})"
)
_LEGAL_TAIL = re.compile(r"\s+(?:LLP|LLC|Ltd|GmbH|Inc|PLC|plc|AG|B\.V\.|BV)\.?$")
_PROSE_TITLE = re.compile(
    r"\b(?:hiring (?:an?|the)|opening for an?|looking for an?|role as an?|seeking an?|"
    r"recruiting an?|for an?)\s+(?P<title>[A-Z][\w/&+.-]*(?: [A-Z][\w/&+.-]*){0,5})"
)


def is_email(labels: list[tuple[str, str]]) -> bool:
    """Whether the posting opens like an e-mail (a subject line)."""
    return any(label in SUBJECT_LABELS for label, _ in labels[:6])


def subject_parts(labels: list[tuple[str, str]]) -> list[str]:
    """The pieces of the subject line: ``"RE: Civil Engineer - Bristol"`` -> two parts."""
    for label, value in labels:
        if label in SUBJECT_LABELS:
            bare = re.sub(r"^(?:(?:re|fw|fwd|aw|wg)\s*:\s*)+", "", value, flags=re.IGNORECASE)
            return [p.strip() for p in _SUBJECT_PARTS.split(bare) if p and p.strip()]
    return []


def client_company(text: str) -> str | None:
    """The employer a recruiter names: "on behalf of X", "my client is X", "my clients, X"."""
    found = _CLIENT.search(text)
    return _LEGAL_TAIL.sub("", found.group("name")) if found else None


def prose_title(text: str) -> str | None:
    """A role named in a sentence: "an opening for a Customer Service Representative with"."""
    found = _PROSE_TITLE.search(text)
    return found.group("title") if found else None


def subject_place(parts: list[str]) -> str | None:
    """A place among the subject's parts ("Bristol", "Munich")."""
    return next((p for p in parts[1:] if places.looks_like_place(p) and len(p) < 40), None)
