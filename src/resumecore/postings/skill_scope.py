"""Which vocabulary hits are the job's skills, and which are only words about something else.

A skill word in the company's self-description ("Crestline is a third-party logistics
provider"), in the equal-opportunity text, the benefits or the "About us" section, in the title
line or the company name, or a job title naming people ("data scientists", "caregivers",
"our occupational therapists") is not something the posting asks of the applicant.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache

from resumecore.postings import lowered_match
from resumecore.postings.line_start import LineStartPattern
from resumecore.postings.lowered_match import LoweredPattern
from resumecore.postings.lowered_text import LoweredText, may_end_with
from resumecore.postings.sections import Span
from resumecore.postings.skill_asides import asides
from resumecore.postings.skill_match import SkillMatch
from resumecore.postings.span_cover import SpanCover

# Names of whole fields, industries or occupations rather than of a skill one can list.
BROAD_FIELDS = frozenset(
    {
        "Nursing",
        "Logistics",
        "Accounting",
        "Teaching",
        "Compliance",
        "Recruiting",
        "Software Engineering",
        "Public Health",
        "Cybersecurity",
        "Customer Service",
        "Security Operations",
        "Quality Assurance",
        "Data Analysis",
        "Scheduling",
        "Invoicing",
        "Inventory Management",
        "Procurement",
        "Auditing",
        "Machining",
        "Cooking",
        "Pharmacy",
        "Caregiving",
        "Plumbing",
        "HVAC",
        "Welding",
        "Landscaping",
        "E-commerce",
        "Artificial Intelligence",
        "Machine Learning",
        "DevOps",
        "Embedded Systems",
        "UX Design",
        "Data Science",
        "Supply Chain Management",
        "Frontend Development",
        "Backend Development",
        "Mobile Development",
        "Full-Stack Development",
        "Data Engineering",
        "IT Support",
        "Network Administration",
        "Site Reliability Engineering",
        "Platform Engineering",
        "Cloud Computing",
        "Medical Devices",
        "Warehouse Management",
        "Paralegal",
        "Physical Therapy",
        "Occupational Therapy",
        "Investment Banking",
        "Corporate Finance",
        "Presales",
        "System Administration",
        "Card Issuing",
        "Last-Mile Delivery",
        "Reception",
        "Clinical Research",
    }
)
# Occupations and industries that blind labels never list as a skill, wherever and however a
# posting names them ("nursing experience", "logistics tech", "our SRE team"): the work done in
# them ("wound care", "route planning", "incident response") is the skill.
FIELD_NAMES = frozenset(
    {
        "Nursing",
        "Logistics",
        "Warehouse Management",
        "Software Engineering",
        "Platform Engineering",
        "Site Reliability Engineering",
        "Cloud Computing",
        "Medical Devices",
        "Physical Therapy",
        "Public Health",
        "Observability",
    }
)
_ROLE_NOUN = re.compile(
    r"\b(?:engineer|developer|manager|designer|analyst|scientist|nurse|"
    r"technician|assistant|specialist|consultant|teacher|accountant|paralegal|therapist|"
    r"physiotherapist|machinist|welder|plumber|caregiver|hygienist|bookkeeper|"
    r"mentor|lead|administrator|architect|researcher|recruiter|representative|aide)s?$",
    re.IGNORECASE,
)
# A credential is written like a person ("Certified Public Accountant", "Master Electrician").
_CREDENTIAL = re.compile(
    r"^(?:certified|chartered|enrolled|master|licensed|registered|cisco)\b", re.IGNORECASE
)
# "license as a Registered Nurse" names the licence, whatever job noun it ends with.
_CREDENTIAL_NAME = re.compile(
    r"\b(?:licen[cs]e|certification|certificate|registration|credential)\b", re.IGNORECASE
)
_EEO = re.compile(
    r"\b(?:equal (?:employment )?opportunity|without regard to|regardless of|"
    r"reasonable accommodations?|(?:participates?|participating|enrolled) in e-verify|"
    r"e-verify employer|protected veteran|affirmative action|"
    r"we (?:celebrate|welcome|encourage) (?:applications|applicants|diversity)|"
    r"committed to (?:equality|diversity|equal opportunit|inclusion)|disabilities act|"
    r"(?:require|need) an accommodation|accommodations? (?:is|are) available)\b",
    re.IGNORECASE,
)
# Each _EEO alternative holds one of these words: a sentence with none of them is not EEO text.
_EEO_WORDS = (
    "equal ", "without regard to", "regardless of", "accommodation", "e-verify",
    "protected veteran", "affirmative action", "celebrate", "welcome", "encourage",
    "committed to ", "disabilities act",
)  # fmt: skip
_SELF_DESCRIPTION = re.compile(
    r"^(?:we(?:'re| are) (?:an?|the)\b|founded in\b|our (?:customers|clients|mission)\b|"
    r"we (?:build|make|run|operate|design|develop|manufacture)\b)",
    re.IGNORECASE,
)
# The letters a _SELF_DESCRIPTION match opens with; no other character matches one of them
# under re.IGNORECASE (a test checks every character).
_SELF_DESCRIPTION_OPENS = "wWfFoO"
_COMPANY_VERBS = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:is|are|was|does|builds|makes|runs|provides|operates|"
    r"offers|serves|helps|delivers|designs|develops|manufactures|sells|supplies|specializes|"
    r"specialises|has been)\b",
    re.IGNORECASE,
)
# "Our platform is written in Go and runs on AWS": the stack the hire will work in.
_STACK = re.compile(
    r"\b(?:stack|platform|written in|built (?:on|with|in)|runs? on|running on|we use|"
    r"powered by|codebase|infrastructure|services are)\b",
    re.IGNORECASE,
)
# No _STACK match is longer than this ("infrastructure").
_LONGEST_STACK_PHRASE = 14
# "a teaching hospital", "a logistics provider", "plumbing firms": the word describes an employer.
_ORGANISATION_AFTER = LoweredPattern(
    re.compile(
        r"[ -](?:hospitals?|trusts?|firms?|company|companies|providers?|agency|agencies|"
        r"businesses|business|clinics?|organi[sz]ations?|outfits?|startups?|industry|sector|"
        r"contractors?|brands?|teams?|departments?|program(?:me)?s?|degrees?|schools?|majors?)\b",
        re.IGNORECASE,
    )
)
# "Bachelor's degree in accounting, finance or a related field": a degree is not a skill.
_DEGREE_BEFORE = re.compile(
    # The look-ahead at the first letters spares the alternatives at most positions.
    r"(?=[dbmp])\b(?:degree|degrees|bachelor'?s|master'?s|bsc|b\.sc\.|msc|ph\.?d|major(?:ing)?|"
    r"diploma)(?: \w+){0,2} in (?:[\w&-]+(?: [\w&-]+)?\s*(?:,|\bor\b|\band\b|/)\s*){0,3}$",
    re.IGNORECASE,
)
# Words every _DEGREE_BEFORE match holds: a search where none occurs cannot match.
_IN = (" in ",)
_DEGREE_WORDS = ("degree", "bachelor", "master", "bsc", "b.sc.", "msc", "ph", "major", "diploma")
# Page meta lines about the employer or the post: "Industry: Software Development", "Company
# size: 51-200", "Department: Facilities Management", "FLSA: Exempt".
_META_LINE = re.compile(
    r"^(?:[^\S\n]|[*-])*(?:industry|industries|sector|company type|company size|type|branche|"
    r"department|division|team|job functions?|job family|job category|category|flsa|"
    r"flsa status|reports to|bargaining unit|classification|exam(?: #| number)?|job class|"
    r"class code)\s*:.*$",
    re.IGNORECASE | re.MULTILINE,
)
_META_LINES = LineStartPattern(_META_LINE)
_META_WORDS = (
    "industr", "sector", "company", "type", "branche", "department", "division", "team", "job",
    "category", "flsa", "reports to", "bargaining unit", "classification", "exam", "class",
)  # fmt: skip
# "an ML system design interview", "this recruitment is open until filled": the hiring
# process, not a skill.
_INTERVIEW_AFTER = LoweredPattern(
    re.compile(r"[ -](?:interviews?|screen(?:ing)? call)\b", re.IGNORECASE)
)
_HIRING_AFTER = re.compile(r" (?:process|is open|campaign)\b", re.IGNORECASE)
# "Matric with Accounting as a subject", "AED 4bn": a school subject, a currency.
_AFTER_IN_PASSING = re.compile(r" as a (?:school )?subject\b| ?\d")
_CURRENCY_CODES = frozenset({"AED", "SAR"})
# An application form's fields: "Resume/CV * (Attach, Dropbox, Google Drive, or enter manually)".
_FORM_LINE = re.compile(r"^.*\b(?:resume/cv|enter manually|attach, dropbox)\b.*$", re.I | re.M)
_FORM_LINES = LineStartPattern(_FORM_LINE)
_FORM_WORDS = ("resume/cv", "enter manually", "attach, dropbox")
# "you will not be cold calling": the posting says the job does not involve it.
_NOT_BEFORE = re.compile(r"\b(?:not|never|no)\s+(?:be\s+|do\s+|need\s+)?$", re.IGNORECASE)
# The word a _NOT_BEFORE match ends with, before its closing whitespace.
_NEGATION_ENDS = ("not", "never", "no", "be", "do", "need")
# Their last letters in either case: an ASCII character that is none of them ends none of them.
_NEGATION_LAST = frozenset("".join(word[-1] + word[-1].upper() for word in _NEGATION_ENDS))
# "Pinecrest County is recruiting a nurse": the word is the sentence's verb.
_VERB_BEFORE = re.compile(r"\b(?:is|are|we're|we are|currently|now)\s+$", re.IGNORECASE)
# The word a _VERB_BEFORE match ends with, before its closing whitespace.
_VERB_ENDS = ("is", "are", "we're", "currently", "now")
# "Full-time Entry level": a phrase that starts inside a hyphenated word is not the phrase.
_HYPHENATED_BEFORE = re.compile(r"[A-Za-z]-$")
# "Montréal, QC": a state or province code after a town.
_REGION_LIST = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC AB BC MB NB NL NS NT NU ON "
    "PE QC SK YT NSW VIC QLD TAS ACT"
)
REGION_CODES = frozenset(_REGION_LIST.split())
_TOWN_BEFORE = re.compile(r"\b[A-Z][\w.'\u2019-]+,\s?$")
# Security and testing practices are no part of a stack the company says it runs on.
_NOT_STACK = frozenset({"security", "testing", "data_science", "practices"})
_SUBJECT = re.compile(r"^(?:subject|betreff|objet|asunto)\s*:.*$", re.IGNORECASE | re.MULTILINE)
_SUBJECT_WORDS = ("subject", "betreff", "objet", "asunto")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)


def posting_skills(
    text: str,
    matches: list[SkillMatch],
    boilerplate: list[Span],
    title: str | None,
    company: str | None,
    items: tuple[Span, ...] | list[Span] = (),
    is_tech: Callable[[str], bool] = lambda _: False,
    asked: tuple[Span, ...] | list[Span] = (),
    category: Callable[[str], str | None] = lambda _: None,
    names: Callable[[str], tuple[str, ...]] = lambda _: (),
) -> list[SkillMatch]:
    """The matches that name something the job needs, in text order.

    Args:
        text: The posting body the matches were found in.
        matches: Every vocabulary hit.
        boilerplate: Spans of the About-us, benefits, application and EEO sections.
        title: The parsed title; a hit inside it is the role's name, not a requirement.
        company: The parsed company; a hit inside its name or its self-description drops.
        items: Requirement, nice-to-have and duty items: a title or company name written
            inside one is read as written there (a posting with no title line).
        is_tech: Whether a canonical skill is a technology; the company's own stack
            ("our platform is written in Go") counts even in its self-description.
        asked: Requirement and nice-to-have items: a broad field ("Nursing", "Logistics",
            "Customer Service") counts only when asked for there, not when it describes the
            duties, the team or the employer.
        category: The category of a canonical skill, for the mentions in passing that
            ``skill_asides`` leaves out (a spoken language nobody asks of the applicant, a
            field named only as past experience).
        names: Every written form of a canonical skill: an acronym spelled out in words the
            skill's names share is not redefined ("Maryland Comprehensive Assessment Program
            (MCAP)").

    Returns:
        The hits outside those places that do not name a person's job.
    """
    lowered = LoweredText(text)
    dropped: list[Span] = list(boilerplate)
    # Whole-text scans that most postings hold no word of.
    if lowered.contains_any(_META_WORDS):
        dropped += _META_LINES.spans(text)
    if lowered.contains_any(_FORM_WORDS):
        dropped += _FORM_LINES.spans(text)
    subject = _SUBJECT.search(text, 0, 600) if lowered.contains_any(_SUBJECT_WORDS) else None
    if subject is not None:
        dropped.append((subject.start(), subject.end()))
    titles = _occurrences(text, title, lowered)
    # Asked once per occurrence of the title or company: a paste naming the title thousands of
    # times in as many list items read every item for each (quadratic).
    within_item = SpanCover(items).covers
    for spans in (titles, _occurrences(text, company, lowered)):
        dropped += [
            span for span in spans if not within_item(*span) and not _on_list_line(text, span[0])
        ]
    dropped += _title_lines(text, titles, within_item)
    dropped += _prose_about_company(text, company, lowered)
    inside_dropped, inside_asked = SpanCover(dropped).covers, SpanCover(asked).covers
    passing = asides(text, matches, category, BROAD_FIELDS, names)
    # A degree word near a skill is one in the text: most postings have none at all.
    degrees = lowered.contains_any(_DEGREE_WORDS)
    # The lower-cased text for the case-insensitive looks after each skill (see lowered_match).
    low = lowered_match.lowered(text)
    stack = _StackPhrases(text)
    return [
        m
        for index, m in enumerate(matches)
        if index not in passing
        and m.canonical not in FIELD_NAMES
        and not _names_a_person(m.alias, m.canonical)
        and not (
            _ORGANISATION_AFTER.match_span(text, low, m.end)
            and category(m.canonical) != "practices"
        )
        and not (degrees and _after_a_degree(text, lowered, m))
        and not _in_passing(text, low, m)
        and not (_bare_field(m) and not inside_asked(m.start, m.end))
        and (
            not inside_dropped(m.start, m.end)
            or (
                is_tech(m.canonical)
                and category(m.canonical) not in _NOT_STACK
                and stack.named_before(m.start)
            )
        )
    ]


def _after_a_degree(text: str, lowered: LoweredText, match: SkillMatch) -> bool:
    start = max(0, match.start - 80)
    return (
        lowered.contains_any(_DEGREE_WORDS, start, match.start)
        and lowered.contains_any(_IN, start, match.start)
        and bool(_DEGREE_BEFORE.search(text, start, match.start))
    )


def _in_passing(text: str, low: str | None, match: SkillMatch) -> bool:
    # The hiring process, a school subject, a currency, a negation, a verb, half of a hyphenated
    # word, a place.
    before = text[max(0, match.start - 60) : match.start]
    if _INTERVIEW_AFTER.match_span(text, low, match.end) or (
        match.canonical == "Recruiting" and _HIRING_AFTER.match(text, match.end)
    ):
        return True
    after = _AFTER_IN_PASSING.match(text, match.end)
    if after and (not after.group(0)[-1].isdigit() or match.alias in _CURRENCY_CODES):
        return True
    if _may_end_with_negation(before) and _NOT_BEFORE.search(before):
        return True
    # A _HYPHENATED_BEFORE match ends at the end or before a closing line break: it starts in
    # the last three characters.
    if " " in match.alias and _HYPHENATED_BEFORE.search(before, max(0, len(before) - 3)):
        return True
    if (
        match.alias.endswith("ing")
        and " " not in match.alias
        and _may_end_with_verb(before)
        and _VERB_BEFORE.search(before)
    ):
        return True
    return match.alias in REGION_CODES and bool(_TOWN_BEFORE.search(before))


def _may_end_with_negation(before: str) -> bool:
    # A _NOT_BEFORE match ends with a negation word (or be/do/need) and at least one space.
    if not before[-1:].isspace():
        return False
    last = before.rstrip()[-1:]
    return (last in _NEGATION_LAST or not last.isascii()) and may_end_with(before, _NEGATION_ENDS)


def _may_end_with_verb(before: str) -> bool:
    # A _VERB_BEFORE match ends with one of its verbs ("we are" ends with "are") and whitespace.
    return before[-1:].isspace() and may_end_with(before, _VERB_ENDS)


class _StackPhrases:
    """Where a posting names its stack ("written in", "our platform"), found in one scan.

    Searching each skill's sentence afresh read a sentence once per skill in it: a 50,000
    character paste of one long line naming 6,000 skills took seconds.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._spans: list[tuple[int, int]] | None = None  # found on first use, in text order

    def named_before(self, position: int) -> bool:
        """Whether the sentence (or line) up to ``position`` names the stack before it."""
        text = self._text
        start = max(text.rfind(".", 0, position), text.rfind("\n", 0, position)) + 1
        if self._spans is None:
            self._spans = [found.span() for found in _STACK.finditer(text)]
        # Phrases do not overlap, so the last one to end by ``position`` starts latest.
        last = bisect_right(self._spans, (position, position)) - 1
        while last >= 0 and self._spans[last][1] > position:
            last -= 1
        if last >= 0 and self._spans[last][0] >= start:
            return True
        # One ending at ``position`` itself ("built withGo"), which the search up to there
        # reads as ending the text, though the whole text continues with a letter.
        near = max(start, position - _LONGEST_STACK_PHRASE)
        return bool(_STACK.search(text, near, position))


def _bare_field(match: SkillMatch) -> bool:
    # "logistics", "billing", "Nursing": the bare word of a field. A phrase that names work in
    # it ("processing invoices", "stock control") is a skill wherever it stands.
    return match.canonical in BROAD_FIELDS and (
        " " not in match.alias.strip() or match.alias.lower() == match.canonical.lower()
    )


@lru_cache(maxsize=4096)  # a posting names the same few skills again and again
def _names_a_person(alias: str, canonical: str) -> bool:
    # A product may end like a job ("Google Tag Manager"): its canonical name says so.
    return (
        bool(_ROLE_NOUN.search(alias))
        and not _CREDENTIAL.match(alias)
        and not _ROLE_NOUN.search(canonical)
        and not _CREDENTIAL_NAME.search(canonical)
    )


def _occurrences(text: str, name: str | None, lowered: LoweredText) -> list[Span]:
    if not name or len(name) < 3:
        return []
    # A plain find over the lower-cased text is several times cheaper than a case-insensitive
    # regex, which cannot skip ahead to a cased first letter.
    found = lowered.occurrences(name)
    if found is not None:
        return found
    pattern = re.compile(re.escape(name), re.IGNORECASE)
    return [(found.start(), found.end()) for found in pattern.finditer(text)]


def _prose_about_company(text: str, company: str | None, lowered: LoweredText) -> list[Span]:
    first_word = company.split()[0] if company else None
    # What a sentence about the company (not EEO text) opens with.
    opens = _SELF_DESCRIPTION_OPENS + (first_word[0] if first_word and len(first_word) > 2 else "")
    spans: list[Span] = []
    eeo_text = lowered.contains_any(_EEO_WORDS)  # most postings have no EEO word at all
    for sentence in _SENTENCE.finditer(text):
        chunk = sentence.group(0).strip(" -*•")
        eeo = eeo_text and lowered.contains_any(_EEO_WORDS, sentence.start(), sentence.end())
        if not eeo and chunk[:1] not in opens:
            continue
        if (eeo and _EEO.search(chunk)) or _SELF_DESCRIPTION.match(chunk):
            spans.append((sentence.start(), sentence.end()))
        elif first_word and len(first_word) > 2 and chunk.startswith(first_word):
            rest = chunk[len(company or "") :] if chunk.startswith(company or "") else ""
            if _COMPANY_VERBS.match(rest):
                spans.append((sentence.start(), sentence.end()))
    return spans


def _title_lines(
    text: str, titles: list[Span], within_item: Callable[[int, int], bool]
) -> list[Span]:
    # "Registered Respiratory Therapist (RRT)", "QC Microbiologist (Sterility & Environmental
    # Monitoring)": the rest of a short heading line that names the role belongs to the title.
    spans: list[Span] = []
    for start, end in titles:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if (
            text[line_start:start].strip() == ""
            and line_end - line_start <= 100
            and not within_item(start, end)
            and not _on_list_line(text, start)
        ):
            spans.append((line_start, line_end))
    return spans


def _on_list_line(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    return text[line_start : line_start + 2].lstrip()[:1] in {"-", "*", "•"}
