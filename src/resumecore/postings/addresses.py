"""The town of a postal address a page gives for its employer (a footer, an ``Address:`` line).

``"Unit 4, 17 Parkhouse Road, Sockburn, Christchurch 8042"`` -> ``"Christchurch"``;
``"Ashley Down Road, Bristol BS7 9BU"`` -> ``"Bristol"``; ``"22 Manor St, Dublin 7, D07 X2Y4"``
-> ``"Dublin 7"`` (the city tidier reads the district number off later).
"""

from __future__ import annotations

import html
import re

from resumecore.postings import places
from resumecore.postings.city_tidy import is_premises, tidy_location
from resumecore.postings.elements import Elements

_ADDRESS_LINE = re.compile(
    r"^(?:address|adresse|anschrift|dirección)\s*:\s*(?P<value>.+)$", re.I | re.M
)
_ADDRESS_ELEMENT = re.compile(r"<address\b[^<>]*>(.*?)</address\s*>", re.I | re.S)
# _ADDRESS_ELEMENT in linear time (see elements.py); the pattern stays the reference.
_ADDRESS_ELEMENTS = Elements(r"<address\b[^<>]*>", re.I | re.S, r"</address\s*>")
_BLOCK = re.compile(r"<(?:p|br|div|li|tr|address)\b[^<>]*>", re.I)
_TAG = re.compile(r"<[^<>]*>")
_PIECES = re.compile(r"\s+(?:·|\||•|—|\u2013)\s+")
# A segment that is only a postcode, a region code or a number: "D07 X2Y4", "TX 78701", "8042".
_CODE_ONLY = re.compile(
    r"^(?:[A-Z]{1,3}\d[\dA-Z]{0,2}(?: [\dA-Z]{3,4})?|[A-Z]{2,3}(?: \d{4,5})?|\d+)$"
)
_POSTCODE_TOWN = re.compile(r"^\d{4,5} [^\W\d]")  # "75002 Paris"
# "1200 Congress Ave, Suite 400", "Unit 4, 17 Parkhouse Road": a street line of an address.
_STREET_LINE = re.compile(
    r"^(?:\d+[A-Za-z]?|unit \d+,?|suite \d+,?) [A-Z0-9][\w .,'-]{2,60}$", re.I
)
# What a street line opens with besides a digit: "u" or "s" in any case ("\u017f" is an "s"
# under re.I). Most lines open otherwise and are passed over without the pattern.
_STREET_LETTERS = frozenset("uUsS\u017f")
# "Austin, TX 78701", "Bristol BS7 9BU", "75002 Paris": a town line with its postcode.
_TOWN_LINE = re.compile(
    r"^(?:[A-Z][\w'.-]+(?: [A-Z][\w'.-]+){0,2},? (?:[A-Z]{2} \d{5}(?:-\d{4})?|"
    r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|[A-Z]\d[A-Z] \d[A-Z]\d|\d{4})|\d{4,5} [A-Z][\w'.-]+)$"
)
_NAME_LINE = re.compile(r"^[A-Z][\w&.'-]*(?: (?:&|[A-Z][\w&.,'-]*)){0,5}$")
_COPYRIGHT_SIGN = re.compile(r"©|\(c\) \d{4}|\bcopyright\b", re.IGNORECASE)
_PHONE = re.compile(r"^[+(\d][\d ()+-]{6,}$")


def footer_address(footer: str) -> str:
    """An ``Address:`` line for the postal address in a page footer's HTML, or ``""``.

    The footer's ``<address>`` element, else its first line with a comma-separated address.
    """
    elements = _ADDRESS_ELEMENTS.spans(footer)
    chunks = [footer[elements[0][1] : elements[0][2]]] if elements else _BLOCK.split(footer)
    for chunk in chunks:
        line = " ".join(html.unescape(_TAG.sub(" ", chunk)).split())
        if line.count(", ") >= 1 and town_of(line):
            return f"Address: {line}"
    return ""


def footer_copyright(footer: str) -> str:
    """The footer's copyright notice, or ``""``.

    ``"© 2026 Acme Ltd"`` of "Registered charity. © 2026 Acme Ltd. All rights reserved."
    """
    for chunk in _BLOCK.split(footer):
        line = " ".join(html.unescape(_TAG.sub(" ", chunk)).split())
        sign = _COPYRIGHT_SIGN.search(line)
        if sign:
            # Only the notice: "Registered charity. © 2026 Avon Vale College. Accessibility".
            return line[sign.start() :].split(". ", 1)[0]
    return ""


def address_block(text: str) -> tuple[str | None, str | None]:
    """The name and town of a postal address written over lines (a signature, a letterhead).

    ``"Lone Star CPA Group" / "1200 Congress Ave, Suite 400" / "Austin, TX 78701"`` ->
    ``("Lone Star CPA Group", "Austin")``; the name is ``None`` when the line above is no name.
    """
    lines = [line.strip() for line in text.split("\n")]
    for index in range(1, len(lines) - 1):
        opening = lines[index][:1]
        if not (opening.isdecimal() or opening in _STREET_LETTERS):
            continue
        if not _STREET_LINE.match(lines[index]) or not _TOWN_LINE.match(lines[index + 1]):
            continue
        town = town_of(f"{lines[index]}, {lines[index + 1]}")
        if town:
            above = lines[index - 1]
            name = above if _NAME_LINE.match(above) else None
            return name, town
    return None, None


def address_town(text: str) -> str | None:
    """The town of the first ``Address:`` line of ``text`` that names one, as written there."""
    for found in _ADDRESS_LINE.finditer(text):
        town = town_of(found.group("value"))
        if town:
            return town
    return None


def town_of(address: str) -> str | None:
    """The town of one postal address: the last segment that is not a code, street or country."""
    pieces = [p for p in _PIECES.split(address.strip()) if p and not _PHONE.match(p)]
    postal = max(pieces, key=lambda p: p.count(", "), default="")
    segments = [s.strip(" .") for s in postal.split(", ")]
    if len(segments) < 2:
        return None
    for segment in reversed(segments[1:]):
        if not segment or _CODE_ONLY.match(segment) or places.country_only(segment):
            continue
        if is_premises(segment) and not _POSTCODE_TOWN.match(segment):
            return None
        town = tidy_location(segment)
        return town if town and town[0].isupper() else None
    return None
