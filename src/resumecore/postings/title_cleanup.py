"""Trim what boards and writers hang on a job title: shift, dates, hours, "(m/w/d)", "wanted"."""

from __future__ import annotations

import re

from resumecore.postings.literal_guard import guarded, lowered_for_guards

_TRAILING_ASIDE = re.compile(r"\s*\((?P<inner>[^()]*)\)\s*$")
# An aside about when, where or on what terms, not about the job: "(Nights)", "(2026-27)",
# "(m/w/d)", "(part-time, 20-25 hours)", "(Southeast)", "(12-Month Temporary)".
_NOT_THE_JOB = re.compile(
    r"\b(?:19|20)\d\d\b|\d+\s*[-\u2013]?\s*(?:months?|weeks?|hours?|hrs?|days?|yrs?|years?)\b|"
    r"\d\s*(?:am|pm)\b|[$£€]|\b(?:req|requisition|job id|ref)\b|#\s?\d|"
    r"\b(?:m/w/d|w/m/d|f/m/d|m/f/d|d/m/w|all genders?|nights?|days|evenings?|weekends?|"
    r"mornings?|afternoons?|"
    r"shift|part[- ]time|full[- ]time|hours|temporary|temp|contract|permanent|remote|hybrid|"
    r"on-?site|north\w*|south\w*|east\w*|west\w*|central|region|relocation|"
    r"emea|apac|dach|latam|nordics|benelux|europe|americas|uk|us|usa|eu|"
    r"vollzeit|teilzeit|\w*dienst|\w*schicht|turno \w+)\b",
    re.IGNORECASE,
)
# "(m/w/d)" may stand anywhere: "Mechatroniker (m/w/d) Instandhaltung".
_GENDER_MARK = re.compile(
    r"\s*\((?:m|w|f|d|x|gn|div|i|h)(?:\s*/\s*(?:m|w|f|d|x|div|i|h)){1,3}\*?\)|\s*\(all genders?\)|"
    # "Technicien de maintenance H/F", "Koch m/w/d": the mark without brackets, at the end.
    r"\s+(?:H/F|F/H|M/F|F/M|m/w/d|w/m/d|m/f/d|f/m/d|m/w/x)$",
    re.IGNORECASE,
)
# Indeed prints its page title as "Warehouse Associate - job post".
_BOARD_SUFFIX = re.compile(r"\s*[-\u2013\u2014|]\s*job (?:post|posting|details)$", re.IGNORECASE)
# "HIRING - CNC MACHINIST", "Now hiring: Line Cook": the announcement is not the title.
_HIRING_LEAD = re.compile(
    # "Offre d'emploi : Vétérinaire", "Stellenangebot: Mechaniker", "Vacancy - Nurse".
    r"^(?:offres? d'emploi|stellenangebot|vacature|oferta(?: de (?:empleo|trabajo))?|"
    r"job offer|vacancy|annonce)\s*[:\u2013\u2014-]\s*(?=\w)|"
    r"^(?:(?:now|urgently|we'?re|we are)\s+)?(?:now\s+)?hiring"
    # "We are hiring a Bookkeeper!": the announcement and its article go.
    r"(?:\s*[:!\u2013\u2014-]\s*|\s+(?:an?|for an?)\s+)(?=\w)",
    re.IGNORECASE,
)
# "Occupational Therapist, 0.8 FTE", "Nurse - 1.0 FTE": how much of a post, not which.
_FTE_TAIL = guarded(
    r"\s*[,\u2013\u2014-]?\s*\(?\d(?:[.,]\d{1,2})?\s*(?:FTE|WTE)\)?$", re.I, words=("fte", "wte")
)
# Each gender mark holds a bracket or a slash: a title without either keeps its words as they are.
_GENDER_SIGNS = ("(", "/")
# "Certified Nursing Assistant - CNA": the title's own initials hung on with a dash.
_DASHED_TAIL = re.compile(r"\s+[-\u2013\u2014|]\s+(?P<inner>[A-Z]{2,6})$")
# "Solutions Engineer - DACH", "Scaffolders — NORTH WEST / YORKSHIRE": the region it covers.
_REGION_TAIL = re.compile(
    r"\s+[-\u2013\u2014|]\s+(?i:emea|apac|dach|latam|nordics|benelux|europe|americas|"
    r"(?:north|south|east|west|mid)(?:[- ]?(?:north|south|east|west))?(?:ern)?\b)"
    r"[^-\u2013\u2014|]*$"
)
# "Sachbearbeiter/in Steuern 80-100% (Treuhand)": a Swiss workload ends the title.
_WORKLOAD = re.compile(r"\s+\d{2,3}\s*(?:[-\u2013]\s*\d{2,3}\s*)?%.*$")
# "Farm Assistant, seasonal 1 July - 30 November": the terms after a comma.
_TERMS_TAIL = re.compile(
    r",\s+(?:seasonal|temporary|temp|permanent|fixed[- ]term|part[- ]time|full[- ]time|"
    r"contract|casual|maternity cover|locum)\b.*$",
    re.IGNORECASE,
)
_AD_WORDS = re.compile(r"\s+(?:wanted|needed|required|gesucht)\b.*$", re.IGNORECASE)


def clean_title(title: str) -> str:
    """``"Registered Nurse (Nights)"`` -> ``"Registered Nurse"``; the specialisation stays.

    A trailing aside goes when it speaks of schedule, terms, dates or region, or when it is the
    title's own initials ("Registered Veterinary Technician (RVT)").
    """
    title = _AD_WORDS.sub("", _BOARD_SUFFIX.sub("", _HIRING_LEAD.sub("", title))).strip()
    title = title.rstrip("!") or title
    unmarked = _GENDER_MARK.sub(" ", title) if any(s in title for s in _GENDER_SIGNS) else title
    title = " ".join(unmarked.split()) or title
    if _FTE_TAIL.may_match(title, lowered_for_guards(title)):
        title = _FTE_TAIL.pattern.sub("", title) or title
    for tail in (_REGION_TAIL, _WORKLOAD, _TERMS_TAIL):
        title = tail.sub("", title) or title
    dashed = _DASHED_TAIL.search(title)
    if dashed and _initials(title[: dashed.start()]) == dashed.group("inner"):
        title = title[: dashed.start()]
    while True:
        aside = _TRAILING_ASIDE.search(title)
        if aside is None or aside.start() == 0:
            return title
        inner = aside.group("inner").strip()
        if not (_NOT_THE_JOB.search(inner) or _initials(title[: aside.start()]) == inner.upper()):
            return title
        title = title[: aside.start()].rstrip(" -\u2013,")


def _initials(words: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", words)).upper()
