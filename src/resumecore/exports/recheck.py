"""The ATS re-check of a produced file: is what was written really in the file a parser reads?

The file's text is extracted back (by an adapter: pypdf for PDF, python-docx for DOCX) and
compared with the written document: every line present and in reading order, every section
title found, and the contact details parseable. Whitespace is ignored in the comparison, so a
line wrapped (or hyphen-broken by the layout) still counts.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

import msgspec

from resumecore.model.document import WrittenDocument

_SPACE = re.compile(r"\s+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d ()./-]{6,}\d")


class FileCheck(msgspec.Struct, frozen=True, kw_only=True):
    """What a parser found in the file against what was written."""

    lines_expected: int
    lines_found: int
    missing: tuple[str, ...]
    in_order: bool
    headings_missing: tuple[str, ...]
    email_found: bool | None
    phone_found: bool | None
    passed: bool


# What binds a symbol into an emoji sequence: variation selectors and the zero-width joiner.
EMOJI_JOINERS = frozenset("\ufe0e\ufe0f\u200d")
_NO_JOINERS = dict.fromkeys(map(ord, EMOJI_JOINERS))


def _flat(text: str, ignored: Mapping[int, None] | None = None) -> str:
    """``text`` for comparison: no spaces or soft hyphens, case-folded, ``ignored`` left out."""
    if ignored:
        text = text.translate(ignored)
    return _SPACE.sub("", text.replace("\u00ad", "")).casefold()


def _contact(document: WrittenDocument, pattern: re.Pattern[str]) -> str | None:
    for section in document.sections:
        if section.kind == "header":
            for entry in section.entries:
                for line in (entry.heading, *entry.lines):
                    found = pattern.search(line.text)
                    if found:
                        return found.group(0)
    return None


def recheck(
    document: WrittenDocument,
    extracted: str,
    *,
    with_titles: bool,
    left_out: Collection[str] = (),
    left_out_symbols: Collection[str] = (),
) -> FileCheck:
    """Compare ``extracted`` (the file's text) with ``document``.

    ``with_titles``: whether the layout prints section titles (letters print none);
    ``left_out``: lines the renderer dropped on purpose (to fit a page limit);
    ``left_out_symbols``: symbols it left out wherever they stood (its font lacks them), so a
    line is found without them.
    """
    ignored = (
        {**dict.fromkeys(map(ord, left_out_symbols)), **_NO_JOINERS} if left_out_symbols else None
    )
    flat = _flat(extracted, ignored)
    lines = [
        line.text
        for section in document.sections
        for entry in section.entries
        for line in (entry.heading, *entry.lines)
        if line.text.strip() and line.text not in left_out
    ]
    missing = tuple(line for line in lines if _flat(line, ignored) not in flat)
    in_order = not _moved(lines, flat, ignored)
    titles = [s.title for s in document.sections if with_titles and s.kind != "header"]
    headings_missing = tuple(t for t in titles if t and _flat(t, ignored) not in flat)
    email, phone = _contact(document, EMAIL), _contact(document, PHONE)
    email_found = None if email is None else _flat(email) in flat
    phone_found = None if phone is None else _flat(phone) in flat
    return FileCheck(
        lines_expected=len(lines),
        lines_found=len(lines) - len(missing),
        missing=missing,
        in_order=in_order,
        headings_missing=headings_missing,
        email_found=email_found,
        phone_found=phone_found,
        passed=not missing
        and in_order
        and not headings_missing
        and email_found is not False
        and phone_found is not False,
    )


def _moved(lines: list[str], flat: str, ignored: Mapping[int, None] | None) -> bool:
    """True when a present line comes before the line written ahead of it.

    An absent line counts as missing, not as moved.
    """
    at = 0
    for line in lines:
        needle = _flat(line, ignored)
        if needle not in flat:
            continue
        found = flat.find(needle, at)
        if found < 0:
            return True
        at = found + len(needle)
    return False
