"""Work terms stated in a posting: remote or hybrid, employment type, years of experience."""

from __future__ import annotations

import re
from typing import Literal

from resumecore.postings.literal_guard import GuardedPattern, guarded, lowered_for_guards

Remote = Literal["remote", "hybrid", "onsite"]
EmploymentType = Literal["full_time", "part_time", "contract", "temporary", "internship"]

_NOT_REMOTE = guarded(
    r"\b(?:not (?:a |an )?remote|no remote|non-remote)\b", re.IGNORECASE, words=("remote",)
)
_REMOTE: tuple[tuple[Remote, GuardedPattern], ...] = (
    (
        "hybrid",
        guarded(
            r"\bhybrid\b|\bhybride\b|\bhíbrido\b|\bdays? (?:a|per) week in (?:the|our)\b|"
            r"\bdays in (?:the|our) (?:office|\w+ office)|\bdays?/week in office\b|"
            r"\btélétravail\s*:\s*\d|\b\d jours? de télétravail|\bhomeoffice\b|"
            r"\bhybride[sn]? arbeiten\b|\b\d tage? (?:mobil|home ?office|remote)\b|"
            # "on-site four days a week (Fridays from home)": some days at home.
            r"\b(?:mon|tues|wednes|thurs|fri)days? (?:from|at) home\b|"
            r"\b(?:one|two|three|four|\d) days? (?:a|per) week (?:from|at) home\b",
            re.IGNORECASE,
            words=("hybrid", "híbrido", "week", "days in ", "télétravail", " tag", "home"),
        ),
    ),
    (
        "remote",
        guarded(
            r"\b(?:fully|100\s?%|full)[ -]remote\b|\bremote[- ](?:first|only)\b|"
            r"\bremote (?:role|position|job|work|working|team|company|within|from)\b|"
            r"\bwork (?:from home|remotely)\b|\b100\s?% remoto\b|\bremoto\b|\bteletrabajo\b|"
            r"\(remote\)|^(?:location\s*:\s*)?remote\b|\bremote\s*(?:\(|-|\u2013|—|,)|"
            r"\ball remote\b|\bor remote\b",
            re.IGNORECASE | re.MULTILINE,
            words=("remot", "work ", "teletrabajo"),
        ),
    ),
    (
        "onsite",
        guarded(
            r"\bon-site\b|\bonsite\b|\bon site (?:role|position|job)\b|(?<!apply )\bin[- ]person\b|"
            r"\boffice[- ]based\b|\bvor ort\b|\b(?:fully|100\s?%) in[- ]office\b|"
            r"\bin[- ]office only\b|,\s*in[- ]office\)|\bwork from (?:the )?office\b|\bWFO\b|"
            r"\bin[- ]office (?:position|role|job)\b|\(in[- ](?:clinic|store|branch)\b|"
            r"\bprésentiel\b|\bpresencial\b|\bsite-based\b|\bfield-based\b",
            re.IGNORECASE,
            words=(
                "site",
                "person",
                "based",
                "vor ort",
                "office",
                "wfo",
                "(in",
                "présentiel",
                "presencial",
            ),
        ),
    ),
)
# "we certify onsite", "on-site parking": something done or offered at the site, not a work mode.
_ONSITE_AMENITY = re.compile(
    r"\b(?:certify|certified|train|trained|training|parking|gym|childcare|daycare|cafeteria|"
    r"canteen) on-?site\b|\bon-?site (?:training|parking|gym|fitness|childcare|daycare|"
    r"cafeteria|canteen|café|cafe|amenities|clinic for employees)\b",
    re.IGNORECASE,
)
# Each pattern opens with a look-ahead at the letters its matches can start with: a cheap
# test at every position, so the alternatives run only where a match can begin.
_STRONG_EMPLOYMENT: tuple[tuple[EmploymentType, GuardedPattern], ...] = (
    (
        "internship",
        guarded(
            r"(?=[ips])(?:\binternship\b|\bpraktikum\b|\bstage (?:de|d')|\bprácticas\b)",
            re.I,
            words=("internship", "praktikum", "stage d", "prácticas"),
        ),
    ),
    (
        "temporary",
        guarded(
            r"(?=[tsfmbc])(?:\btemporary\b|\bseasonal\b|\bfixed[- ]term\b|\bmaternity cover\b|"
            r"\bbefristet\b|"
            r"\bCDD\b|\btemp\b(?! to)|"
            # "Job type: Casual", "Casual to start": casual work (not "business casual").
            r"\bcasual\b(?:(?= (?:to start|position|role|basis|employment|contract)\b)|"
            r"(?<=^casual)|(?<=: casual)))",
            re.I | re.M,
            words=("temp", "seasonal", "fixed", "maternity cover", "befristet", "cdd", "casual"),
        ),
    ),
    (
        "contract",
        guarded(
            r"(?=[cfdio])(?:(?<!permanent )(?<!employment )(?<!indefinite )\bcontract\b(?!\s*:)"
            r"(?! (?:permanent|perm|type|length|duration|basis)\b)"
            r"(?! (?:law|management|negotiation|review|drafting|administration|manufactur|research|"
            r"catering|cleaning|renewal|terms))|"
            # "Main contractor", "general contractor": the kind of employer, not of contract.
            r"\bcontractor\b(?<!main contractor)(?<!general contractor)"
            r"(?<!principal contractor)(?<!prime contractor)(?<!civil contractor)"
            r"(?<!building contractor)(?<!electrical contractor)(?<!mechanical contractor)"
            r"(?<!government contractor)(?<!federal contractor)|"
            r"\bfreelance\b|\bfreelancer\b|\bcontract[- ]to[- ]hire\b|\bday rate\b|"
            r"\b(?:inside|outside) ir35\b)",
            re.I,
            words=("contract", "freelance", "day rate", "ir35"),
        ),
    ),
    (
        "part_time",
        guarded(
            r"(?=[ptmsh])(?:\bpart[- ]?time\b|\bteilzeit\b|\btemps partiel\b|\bmedia jornada\b|"
            r"\bmi-temps\b|"
            # "Schedule: PT, 24 hrs/wk", "FT, 4-5 nights": a terse list's abbreviation.
            r"(?:^|(?:type|schedule|hours|status)\s*:\s*)(?-i:PT)\b(?=\s*(?:[,/(]|$)))",
            re.I | re.M,
            words=("part", "teilzeit", "media jornada", "mi-temps"),
            exact=("PT",),
        ),
    ),
    (
        "full_time",
        guarded(
            r"(?=[fvtjsh])(?:\bfull[- ]?time\b|\bvollzeit\b|\btemps plein\b|\bjornada completa\b"
            r"|\btiempo completo\b|"
            r"(?:^|(?:type|schedule|hours|status)\s*:\s*)(?-i:FT)\b(?=\s*(?:[,/(]|$)))",
            re.I | re.M,
            words=("full", "vollzeit", "temps plein", "jornada completa", "tiempo completo"),
            exact=("FT",),
        ),
    ),
)
_WEAK_EMPLOYMENT: tuple[tuple[EmploymentType, GuardedPattern], ...] = (
    ("internship", guarded(r"\bintern\b", re.I, words=("intern",))),
    (
        "full_time",
        # An apprenticeship is full-time unless the posting says otherwise.
        guarded(
            r"(?=[pcuiav])(?:\bpermanent\b|\bCDI\b|\bunbefristet\b|\bindefinido\b|"
            r"\bapprentice(?:ship)?\b|\bvaste baan\b|\bvast dienstverband\b|\bvoltijd\b)",
            re.I,
            words=("permanent", "cdi", "befristet", "indefinido", "apprentice", "vast", "voltijd"),
        ),
    ),
)
_FULL_AND_PART = guarded(
    r"\bfull[- ]?time\s*(?:,|/|\bor\b|\band\b|&)\s*part[- ]?time\b|"
    r"\bpart[- ]?time\s*(?:,|/|\bor\b|\band\b|&)\s*full[- ]?time\b|\bfull or part[- ]time\b",
    re.IGNORECASE,
    words=("part",),
)
# "Employment Type: Full-time" says the type even when a pay line above says "187-day contract".
_TYPE_LABEL = guarded(
    r"^(?:employment type|job type|type of employment|position type|contract type|work type|"
    r"employment)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE | re.MULTILINE,
    words=("type", "employment"),
)
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "ein": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "un": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
}
_NUMBER = r"(?P<n>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_YEARS = re.compile(
    r"(?P<lead>\b(?:at least|minimum(?: of)?|min\.?|over|more than|mindestens|au moins|"
    r"al menos)\s+)?"
    rf"\b{_NUMBER}\s*(?P<plus>\+|\s*(?:-|\u2013|to|bis|à|a)\s*\d{{1,2}}\+?)?\s*"
    r"(?:years?|yrs?|jahre?n?|ans?|años?)(?:'|\u2019)?(?P<more>\s+or more)?\b",
    re.IGNORECASE,
)
_YEARS_CONTEXT = re.compile(
    r"^.{0,60}?\b(?:experience|experienced|exp|background|role|roles|as an?|building|working|"
    r"berufserfahrung|erfahrung|expérience|experiencia|post-qualification|in (?:an? )?[\w&/-]+)\b",
    re.IGNORECASE,
)
_YEARS_NOT = re.compile(
    r"^\s*(?:or )?(?:old|older|of age|ago|in business|warranty|history)\b", re.I
)


def remote_mode(text: str, header_zone: str) -> Remote | None:
    """Remote, hybrid or on-site, preferring what the top of the posting says.

    Args:
        text: The whole normalised posting.
        header_zone: Its first lines and label lines, where work mode is usually stated.

    Returns:
        The mode, or ``None`` if the posting does not say.
    """
    for zone in (header_zone, text):
        lowered = lowered_for_guards(zone)
        if _NOT_REMOTE.search(zone, lowered):
            return "onsite"
        for mode, pattern in _REMOTE:
            # Only an on-site word is checked again without the amenities (the costly look).
            if pattern.search(zone, lowered) and (
                mode != "onsite" or pattern.pattern.search(_ONSITE_AMENITY.sub(" ", zone))
            ):
                return mode
    return None


def employment_type(text: str, header_zone: str) -> EmploymentType | None:
    """The employment type first stated, in the header zone before the body.

    Args:
        text: The whole normalised posting.
        header_zone: Its first lines and label lines.

    Returns:
        The type, or ``None`` if the posting does not say.
    """
    zones = [(zone, lowered_for_guards(zone)) for zone in (header_zone, text)]
    header, lowered_header = zones[0]
    if _FULL_AND_PART.search(header, lowered_header):
        return None  # "Full-time, Part-time": the posting offers both
    for label in _TYPE_LABEL.finditer(header, lowered_header):
        value = label.group("value")
        kind = _first_kind(_STRONG_EMPLOYMENT, value, lowered_for_guards(value))
        if kind:
            return kind
    for patterns in (_STRONG_EMPLOYMENT, _WEAK_EMPLOYMENT):
        for zone, lowered in zones:
            kind = _first_kind(patterns, zone, lowered)
            if kind:
                return kind
    return None


def _first_kind(
    patterns: tuple[tuple[EmploymentType, GuardedPattern], ...], text: str, lowered: str | None
) -> EmploymentType | None:
    # The kind whose first match starts earliest (on a tie, the name that sorts first).
    hits = [(m.start(), kind) for kind, p in patterns if (m := p.search(text, lowered))]
    return min(hits)[1] if hits else None


def years_of_experience(text: str, preferred: tuple[str, ...] = ()) -> int | None:
    """The minimum years of experience asked for, preferring the requirement items.

    Args:
        text: The whole normalised posting.
        preferred: Requirement items to search first.

    Returns:
        The lower bound of the first stated range, or ``None``.
    """
    for chunk in (*preferred, text):
        for found in _YEARS.finditer(chunk):
            years = _years(chunk, found)
            if years is not None:
                return years
    return None


def _years(chunk: str, found: re.Match[str]) -> int | None:
    raw = found.group("n").lower()
    value = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    after = chunk[found.end() : found.end() + 80].split("\n", maxsplit=1)[0]
    if _YEARS_NOT.match(after) or not 0 < value <= 40:
        return None
    strong = found.group("lead") or found.group("plus") or found.group("more")
    return value if strong or _YEARS_CONTEXT.match(after) else None
