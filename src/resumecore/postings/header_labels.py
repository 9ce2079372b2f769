"""What a posting's label lines say ("Job Title: X", "Location: Y") and the words roles end in."""

from __future__ import annotations

import re

from resumecore.postings.first_letter_alternation import top_level_alternatives
from resumecore.postings.lowered_match import LoweredPattern, lowered

LABEL = re.compile(
    r"^[*_#\s\u2022\u00b7\u2013\u2014-]*(?P<label>[A-Za-zÀ-ÿ][\w 'À-ÿ-]{1,30}?)[*_\s]*:"
    r"[*_\s]*(?P<value>\S.*)$"
)
TITLE_LABELS = {
    "job title",
    "offre d'emploi",
    "stellenangebot",
    "vacature",
    "oferta",
    "job offer",
    "title",
    "position",
    "role",
    "job",
    "stelle",
    "poste",
    "puesto",
    "vacancy",
    "job role",
    "designation",
    "looking for",
    "need",
    "seeking",
    "wanted",
    "class title",
    "position title",
    "posting title",
    "working title",
    "job posting",
    "now hiring",
    "hiring",
    "we're hiring",
    "we are hiring",
    "urgently hiring",
    "we're looking for",
    "we are looking for",
    "buscamos",
    "nous recrutons",
}
COMPANY_LABELS = {
    "company",
    "employer",
    "organisation",
    "organization",
    "firma",
    "unternehmen",
    "arbeitgeber",
    "entreprise",
    "société",
    "empresa",
    "store",
    "hiring company",
    "facility",
    "client",
    "company name",
    "co",
    "firm",
    "clinic",
    "practice",
    "hospital",
    "school",
    "restaurant",
    "hotel",
    "venue",
    "business",
    "enseigne",
    "azienda",
    "bedrijf",
    "werkgever",
    "organisatie",
}
LOCATION_LABELS = {
    "location",
    "based in",
    "standort",
    "standorte",
    "arbeitsort",
    "ort",
    "lieu",
    "localisation",
    "ubicación",
    "ciudad",
    "site",
    "office",
    "where",
    "job location",
    "work location",
    "locations",
    "loc",
    "base",
    "einsatzort",
    "arbeitsplatz",
    "worksite",
    "work site",
    "duty station",
    "place of work",
    "workplace",
    "office location",
    "work address",
    "job site",
    "city",
    "area",
    "town",
    "stadt",
    "ville",
    "lieu de travail",
    "ubicaciones",
    "arbeidssted",
    "arbetsort",
    "lokalizacja",
    "miejsce pracy",
    "local",
    "local de trabalho",
    "localização",
    "sede di lavoro",
    "lokasjon",
    "paikkakunta",
    "localisations",
    "locaties",
    "sites",
    "work sites",
    "lugar de trabajo",
    "luogo di lavoro",
    "sede",
    "werkplek",
    "standplaats",
}
MODE_VALUES = frozenset(
    {
        "in person",
        "in-person",
        "on site",
        "on-site",
        "onsite",
        "in office",
        "on the road",
        "multiple locations",
        "various locations",
        "field based",
        "field-based",
    }
)
# Words a job title has in it: "Registered Nurse", "Lagerhelfer", "Forklift Operator".
ROLE_WORDS = re.compile(
    r"\b(?:engineer|developer|manager|designer|analyst|scientist|nurse|electrician|plumber|"
    r"technician|assistant|associate|specialist|consultant|teacher|accountant|paralegal|"
    r"lawyer|attorney|chef|cook|driver|agent|representative|coordinator|director|lead|head|"
    r"officer|administrator|architect|intern|partner|physiotherapist|therapist|clerk|"
    r"operator|writer|editor|recruiter|advisor|entwickler|ingénieur|développeur|analista|"
    r"especialista|desarrollador|worker|cashier|receptionist|mechanic|carpenter|welder|"
    r"researcher|hygienist|machinist|fabricator|apprentice|bookkeeper|pharmacist|executive|"
    r"sre|rep|nurse|teacher|tutor|instructor|installer|planner|controller|auditor|buyer|"
    r"dispatcher|attendant|supervisor|foreman|handler|picker|packer|loader|inspector|"
    r"surveyor|estimator|programmer|tester|hygienist|dentist|paramedic|caregiver|aide|"
    r"server|bartender|barista|housekeeper|cleaner|janitor|guard|plumber|fitter|"
    r"sachbearbeiter|mitarbeiter|\w*fachkraft|\w*techniker|\w*mechatroniker|leiter|generalist|"
    r"hr generalist|\w*pfleger(?:in)?|technologist|phlebotomist|radiographer|sonographer|"
    r"physician|surgeon|counsel(?:l)?or|psychologist|dietitian|nutritionist|midwife|"
    r"optometrist|optician|veterinarian|groomer|stylist|roofer|painter|labou?rer|landscaper|"
    r"custodian|porter|courier|host|hostess|baker|butcher|dishwasher|nanny|lecturer|"
    r"professor|paraprofessional|trainer|coach|underwriter|adjuster|broker|banker|teller|"
    r"merchandiser|stocker|cleaner|sorter|assembler|electrical|fräser|dreher|kaufmann|"
    r"kauffrau|erzieher(?:in)?|lehrer(?:in)?|lehrkraft|ingenieur(?:in)?|koch|köchin|"
    r"verkäufer(?:in)?|fahrer(?:in)?|elektriker(?:in)?|monteur(?:in)?|berater(?:in)?|"
    r"referent(?:in)?|assistent(?:in)?|pädagog\w*|einkäufer(?:in)?|disponent(?:in)?|"
    r"buchhalter(?:in)?|\w*helfer(?:in)?|\w*leiter(?:in)?|verkäufer(?:in)?|\w*kaufmann|"
    r"librarian|pathologist|scaffolder|leader|\w*lenker(?:\*?in)?|"
    # Dutch, French, Spanish and Italian role nouns.
    r"\w*leider|medewerker|\w*monteur|technicus|chauffeur|verpleegkundige|"
    r"técnico|técnica|enfermer[oa]|auxiliar|operari[oa]|soldador|ayudante|responsable|"
    r"chargée?|conseill[eè]re?|vendeu(?:r|se)|serveu(?:r|se)|infirmi[eè]re?|magasinier|"
    r"cuisinier|commis|tecnico|impiegat[oa]|addett[oa])s?\b",
    re.IGNORECASE,
)
_ROLE_WORDS_TWIN = LoweredPattern(ROLE_WORDS)
# The role nouns that open with \w* ("Pflegefachkraft") try every length of word at every
# position and halve the search's speed; a text without their endings is searched without them.
_ROLE_NOUNS = top_level_alternatives(
    ROLE_WORDS.pattern.removeprefix(r"\b(?:").removesuffix(r")s?\b")
)
_OPEN_ENDINGS = tuple(noun[3:].partition("(")[0] for noun in _ROLE_NOUNS if noun.startswith(r"\w*"))
_CLOSED_ROLE_WORDS = LoweredPattern(
    re.compile(
        r"\b(?:" + "|".join(n for n in _ROLE_NOUNS if not n.startswith(r"\w*")) + r")s?\b",
        re.IGNORECASE,
    )
)
_KNOWN_LABELS = frozenset(TITLE_LABELS | COMPANY_LABELS | LOCATION_LABELS)


def names_role(text: str) -> bool:
    """Whether ``text`` has a role noun in it: ``bool(ROLE_WORDS.search(text))``, faster."""
    low = lowered(text)
    if low is not None and not any(ending in low for ending in _OPEN_ENDINGS):
        # Over the copy no \w*<ending> noun can match: the others answer alone.
        return _CLOSED_ROLE_WORDS.span(text, low) is not None
    return _ROLE_WORDS_TWIN.span(text, low) is not None


def is_label_line(line: str) -> bool:
    """Whether ``line`` is a ``Label: value`` line: ``bool(LABEL.match(line))``, faster."""
    # LABEL needs a colon; without one it would still try every label length.
    return ":" in line and LABEL.match(line) is not None


def label_pairs(text: str) -> list[tuple[str, str]]:
    """``("job title", "Nurse")`` for every ``Job Title: Nurse`` line among the first 60."""
    found = []
    for line in text.split("\n", 60)[:60]:  # the rest of a long posting is not cut up
        # LABEL needs a colon; without one it would still try every label length.
        match = LABEL.match(line) if ":" in line else None
        if match:
            found.append((match.group("label").strip().lower(), match.group("value").strip(" *_")))
    return found


def is_known_label(line: str) -> bool:
    """Whether ``line`` is a title, company or location label line."""
    match = LABEL.match(line) if ":" in line else None
    return match is not None and match.group("label").strip().lower() in _KNOWN_LABELS
