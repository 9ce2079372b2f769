"""Small pieces of English the writers share: articles, lists, dates, sentences, role names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from resumecore.model.dates import parse_partial_date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DASH = " \u2013 "  # an en dash
SEPARATOR = " · "
# Letters whose spoken name starts with a vowel sound: "an SRE", "an MSc", "an HVAC".
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")
# Vowel-initial words said with a consonant sound, and h-words said without one.
_A_PREFIXES = ("uni", "use", "usu", "uti", "uro", "eu", "one", "once", "ubiq")
_AN_PREFIXES = ("hour", "honest", "honor", "honour", "heir")
_GENDER_MARK = re.compile(r"\s*\((?:[mwfdhx]|div)(?:\s*/\s*(?:[mwfdhx]|div))+\)", re.IGNORECASE)
_QUALIFIER = re.compile(r"\s+[-\u2013\u2014]\s+|,\s+")
_SMALL_WORDS = frozenset({"and", "of", "for", "the", "in", "to", "at", "on", "with"})


def article(phrase: str) -> str:
    """``a`` or ``an`` for ``phrase``, by sound: "an engineer", "a unit", "an HVAC", "a BSc"."""
    word = phrase.strip().split(" ", 1)[0] if phrase.strip() else ""
    letters = "".join(ch for ch in word if ch.isalnum())
    if not letters:
        return "a"
    if letters[0].isdigit():
        return "an" if letters[0] == "8" or letters.startswith(("11", "18")) else "a"
    if len(letters) == 1 or letters[:2].isupper():  # an initialism, said letter by letter
        return "an" if letters[0].upper() in _VOWEL_SOUND_LETTERS else "a"
    folded = letters.casefold()
    if folded.startswith(_AN_PREFIXES):
        return "an"
    if folded.startswith(_A_PREFIXES):
        return "a"
    return "an" if folded[0] in "aeiou" else "a"


def with_article(phrase: str) -> str:
    """``phrase`` after its indefinite article: "an Orthopaedic Ward Nurse"."""
    return f"{article(phrase)} {phrase}"


# Qualifications named in the plural take no article: "GCSEs", "A-levels", "Highers".
_PLURAL_QUALIFICATION = re.compile(r"(?:\b[A-Z]{2,}s|(?i:\blevels|\bhighers))$")
# A field written with its own link to the degree: "incl. Maths and English", "(Hons) Law".
_LINKED_FIELD = re.compile(r"(?i)(?:incl\b|including\b|in\b|with\b|and\b|[(,;:&+\-\u2013])")


def join_list(items: Sequence[str], conjunction: str = "and") -> str:
    """Items as "A", "A and B", "A, B and C" (no serial comma, one style everywhere).

    Except where an item holds the conjunction itself: "Dentrix, Scaling and root planing and
    Local anesthesia" reads as four skills, so the last one is set off by a comma ("..., Scaling
    and root planing, and Local anesthesia").
    """
    if len(items) <= 1:
        return "".join(items)
    word = f" {conjunction} "
    serial = "," if any(word in f" {item.lower()} " for item in items[:-1]) else ""
    return f"{', '.join(items[:-1])}{serial} {conjunction} {items[-1]}"


def month_year(value: str | None) -> str | None:
    """The month and year ("Mar 2021") of ``2021-03`` or ``2021-03-14``; None if no date.

    A year alone stays a year ("2021"): a document never states a month the person did not.
    """
    parsed = parse_partial_date(value) if value else None
    if parsed is None:
        return None
    return f"{MONTHS[parsed[1] - 1]} {parsed[0]}" if parsed[1] else str(parsed[0])


def date_range(start: str | None, end: str | None, *, ongoing: bool) -> str | None:
    """The one date style of every document: "Mar 2021", an en dash, "Present" or the end.

    A single known date stands alone ("Apr 2023"); nothing known gives None.
    """
    first, last = month_year(start), month_year(end)
    if ongoing and last is None:
        return f"{first}{DASH}Present" if first else None
    if first and last:
        return first if first == last else f"{first}{DASH}{last}"
    return first or last


_DOUBLED_STOP = re.compile(r"(?<!\.)\.\.(?=\s|$)")


def tidy(text: str) -> str:
    """Whitespace runs (newlines included) folded to single spaces, ends stripped."""
    return " ".join(text.split())


_LIST_MARKER = re.compile(r"^\s*(?:[-*\u2022\u2023\u25aa\u25cf\u00b7\u2013\u2014]|\d{1,2}[.)])\s+")


def text_lines(text: str) -> list[str]:
    """A free-text field as the lines its writer meant: one per line, list markers dropped.

    People type bullets into a role's description, one per line after a "-" or a "•"; each
    becomes its own line instead of one run-on line with " - " inside it.
    """
    lines = (_LIST_MARKER.sub("", line) for line in text.splitlines())
    return [tidy(line) for line in lines if line.strip()]


def sentence(text: str) -> str:
    """``text`` as a sentence: tidy, first letter upper case, closing punctuation added."""
    text = tidy(text).rstrip(" ;:,")
    if not text:
        return ""
    if text[0].islower():
        text = text[0].upper() + text[1:]
    # A name ending in a full stop ("Acme Inc.") closes its own sentence: no "Inc.. Thank".
    text = _DOUBLED_STOP.sub(".", text)
    return text if text[-1] in ".!?" else f"{text}."


def clause(text: str) -> str:
    """``text`` to sit inside a sentence: tidy, without its closing full stop or semicolon."""
    text = tidy(text)
    while text and text[-1] in ".;,:":
        text = text[:-1].rstrip()
    return text


def lower_first(text: str) -> str:
    """The first letter lower-cased when the first word is an ordinary capitalised word."""
    word = text.split(" ", 1)[0]
    if word[:1].isupper() and word[1:].islower():
        return text[0].lower() + text[1:]
    return text


def prose_case(name: str) -> str:
    """A skill inside a sentence: "Customer Service" -> "customer service"; "IV Therapy" kept."""
    words = name.split(" ")
    if all(w.isalpha() and len(w) > 1 and (w.islower() or w.istitle()) for w in words):
        return name.lower()
    return name


def degree_subject(degree: str, field: str) -> str:
    """A degree with its article and field: "a BSc in Physics", "an MSc Data Science"."""
    degree, field = tidy(degree), tidy(field)
    named = degree if _PLURAL_QUALIFICATION.search(degree) else with_article(degree)
    return named + _field_after(degree, field)


def degree_in_field(degree: str, field: str) -> str:
    """``degree`` and its field: "BSc in Physics", "GCSEs incl. Maths" (the field's own link)."""
    return degree + _field_after(degree, field)


def _field_after(degree: str, field: str) -> str:
    # Nothing when the degree's name already holds the field ("MSc Data Science").
    if not field or field.casefold() in degree.casefold():
        return ""
    return f" {field}" if _LINKED_FIELD.match(field) else f" in {field}"


def normal_form(text: str) -> str:
    """What two sentences share when they say the same thing (for "no repeated sentence")."""
    return " ".join("".join(ch for ch in text.casefold() if ch.isalnum() or ch.isspace()).split())


def role_name(title: str) -> str:
    """The posted title as a person writes it in a letter.

    Gender markers are dropped ("(m/w/d)"), an all-capitals title loses its shouting, and a
    qualifier after a dash or comma goes into parentheses: "Care Assistant position (Days and
    Nights)". Only the posting's own words remain, so nothing new is claimed.
    """
    title = tidy(_GENDER_MARK.sub("", title))
    if title.isupper():
        title = " ".join(_calm(word) for word in title.split(" "))
    parts = _QUALIFIER.split(title, maxsplit=1)
    main = parts[0].strip() or title
    qualifier = parts[1].strip() if len(parts) > 1 else ""
    if qualifier and not any(mark in qualifier for mark in "()") and qualifier != main:
        return f"{main} position ({qualifier})"
    return f"{main} position"


_DATED_ASIDE = re.compile(r"\s*\((?=[^()]*\b(?:19|20)\d\d\b)[^()]*\)\s*$")  # "(2021-2024)"


def title_in_prose(title: str) -> str:
    """A person's own job title as a sentence can carry it: its first part, no dated aside.

    "Teacher of Mathematics and Physics; Year Head (2021-2024)" is a heading's worth of
    facts; inside "I am a ... with 13 years of experience" it reads as a pasted field, so the
    sentence keeps "Teacher of Mathematics and Physics" (the full title stays in the heading).
    """
    first = tidy(title).split(";", 1)[0].strip()
    return _DATED_ASIDE.sub("", first).strip() or tidy(title)


def closed(phrase: str) -> str:
    """``phrase`` before more words: a comma inside ("Product Manager, Checkout") gets its pair.

    "I am a Product Manager, Checkout with 10 years" reads as if the years were Checkout's;
    "I am a Product Manager, Checkout, with 10 years" does not.
    """
    return f"{phrase}," if "," in phrase else phrase


def _calm(word: str) -> str:
    if word.casefold() in _SMALL_WORDS:
        return word.casefold()
    return word.capitalize() if len(word) >= 4 and word.isalpha() else word
