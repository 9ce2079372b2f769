"""Postings that are a recruiter's e-mail: the subject line, the client company in prose.

A recruiter's own company and signature are not the employer, and the first bullet of the mail
is not the title: the title comes from a label, the subject line or a sentence naming the role.
"""

from __future__ import annotations

import re

from resumecore.postings import place_prose, places
from resumecore.postings.header_labels import names_role

_SIGN_OFF = re.compile(
    r"^(?:thanks|thank you|many thanks|regards|kind regards|best regards|warm regards|best|"
    r"cheers|all the best|speak soon|talk soon|mit freundlichen grüßen|viele grüße|beste grüße|"
    r"cordialement|saludos)[,.!]?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A subject line is short; a longer one is read no further (each part is looked up in the body).
_MAX_SUBJECT = 200
_MAX_SUBJECT_PARTS = 8
SUBJECT_LABELS = frozenset(
    {"subject", "betreff", "objet", "asunto", "onderwerp", "oggetto", "assunto", "re", "fw", "fwd"}
)
_SUBJECT_PARTS = re.compile(
    r"\s+(?:\||\u2013|\u2014|-)\s+|\s*\((?=[^()]*\)\s*$)|\)\s*$|\s+(?:at|@|bei|chez)\s+(?=[A-Z])"
)
# "RE: FW:", "Opportunity: ...", "New role: ...": what stands before the subject's matter.
_SUBJECT_LEAD = re.compile(
    r"^(?:(?:re|fw|fwd|aw|wg)\s*:\s*)*(?:(?:new |exciting |job |great )?(?:opportunity|role|"
    r"position|vacancy|opening|job)\s*:\s*)?"
    # "Vacature Teamleider Warehouse": the word for a vacancy before the role.
    r"(?:vacature|vacante|vacancy|stellenangebot|offre d'emploi)?\s*",
    re.IGNORECASE,
)
# "Software Engineer II at Fernway": the employer named after the role.
_AT_EMPLOYER = re.compile(
    r"\s(?:at|@|bei|chez)\s+(?P<name>[A-Z][\w&.'\u2019-]*(?: (?:&|[A-Z][\w&.'\u2019-]*)){0,3})"
    r"(?=\s*(?:$|[|\u2013\u2014(-]))"
)
_NAME = r"(?P<name>[A-Z][\w&.'\u2019-]*(?: (?:&|of|[A-Z][\w&.'\u2019-]*)){0,4})"
# "Acme's Windows estate": a possessive ends the name, but "St Luke's Hospice" is one name.
_POSSESSIVE = re.compile(
    r"['\u2019]s\b(?! (?:Hospice|Hospital|School|College|Church|Home|Clinic|Surgery|Practice|"
    r"Academy|Centre|Center|Garage|Kitchen|Bakery|Nursery)\b)"
)
_CLIENT = re.compile(
    r"(?:\b(?i:on behalf of|my client(?:s)?(?: is)?,?|our client(?: is)?,?|"
    r"with our client|client of ours,?|mein kunde(?: ist)?|unser kunde(?: ist)?|"
    # "The client is Merlion Air", "The facility is St. Brendan Medical Center".
    r"the (?:client|employer|facility|hospital|practice|clinic|school|company) is|"
    r"(?:unserem|unserer|unseres|meinem|meiner|meines) (?:kunden|kundin),?(?: der| die| des| das)?|"
    r"(?:recruiting|hiring|looking for|seeking) an? [\w -]{3,40}? (?:for|at|with)|"
    r"(?:recruiting|hiring|working|partnering|partnered|filling \w+ [\w ]{0,40}?) (?:for|with)|"
    r"(?:role|position|opening|opportunity|vacancy|spots?|"
    r"(?:need|opportunity|opening|role|position) for an? [\w ]{3,40}?) (?:at|with)|"
    r"join)\s+"
    # "one of our esteemed clients, Vyomika Fintech", "a client of ours in the insurance space,
    # Brennock Mutual", "one of our hospital partners, St. Aldric": the name after the comma.
    r"|\b(?:clients?|partners?)(?: of (?:ours|mine))?(?: [\w -]{1,40}?)?,\s+(?:the )?"
    # "for a regional housebuilder, Cotswold Edge Homes, on": the name set off after its kind.
    r"|\b(?:for|with) an? (?-i:[a-z][a-z -]{2,40}?), (?:the )?)" + _NAME
)
_SKILL_AFTER = re.compile(
    r"\s*(?:experience|skills?|knowledge|background|expertise|certification|exposure|"
    r"and [A-Z]\w* experience)\b"
)
# "Redline Freight is hiring Class A CDL Drivers": the employer as the subject of the sentence.
_HIRING = re.compile(
    # "Brightwater Dental Practice in Swindon is recruiting": the town may come between.
    r"\b" + _NAME + r"(?: in [A-Z][\w'-]+(?: [A-Z][\w'-]+)?)? (?:is|are) "
    r"(?:hiring|looking for|recruiting|seeking)\b"
)
_ROLE = re.compile(
    r"\b(?:engineer|developer|manager|technician|representative|rep|analyst|assistant|"
    r"specialist|consultant|coordinator|executive|director|officer|administrator|nurse|"
    r"teacher|driver|operator|associate|designer|accountant|paralegal|scientist|lead)s?\b",
    re.IGNORECASE,
)
_ROLE_TAIL = re.compile(
    r"\s+(?:role|opportunity|position|vacancy|opening|job)(?: (?:with|at|for|in) .*)?$",
    re.IGNORECASE,
)
# "Nähe Ulm", "near Leeds": the town nearby, not where the work is.
_NEAR = re.compile(
    r"^(?:nähe|near|nr\.?|close to|outside|bei|in der nähe von|près de|cerca de)\s", re.I
)
_IN_PLACE = re.compile(r"\s(?:in|im|à|en)\s+([A-ZÀ-Ý][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?)$")
# "Memphis terminal", "Leeds office": the site named after its town.
_SITE_TAIL = re.compile(r" (?:terminal|office|branch|depot|site|area|clinic|campus)$")
_TERMS_LEAD = re.compile(
    r"^(?:(?:temp[- ]to[- ](?:hire|perm)|contract[- ]to[- ]hire|temporary|temp|contract|"
    r"part[- ]time|full[- ]time|remote|hybrid|on-?site|(?:night|day|evening|weekend) shift|nights|"
    r"permanent|perm|urgent|new|freelance|interim|\d+[- ]month)\s+)+",
    re.IGNORECASE,
)
# A recruiter's own firm is not the employer.
_AGENCY = re.compile(
    r"\b(?:staffing|recruitment|recruiting|talent|resourcing|search|personnel|agency|people|"
    r"consulting|consultancy|solutions group)\b",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    {"The", "A", "An", "Our", "My", "Your", "Their", "This", "We", "I", "Us", "They", "She", "He"}
    | {"It", "Who", "You", "Which", "That", "Client", "Company"}
)
_LEGAL_TAIL = re.compile(r"\s+(?:LLP|LLC|Ltd|g?GmbH|Inc|PLC|plc|AG|B\.V\.|BV|Pvt|Pty)\.?$")
_PROSE_TITLE = re.compile(
    r"\b(?:hiring (?:an?|the)|opening for an?|looking for an?|role as an?|seeking an?|"
    r"recruiting an?|(?:to )?add an?|needs? an?|for an?)\s+"
    r"(?P<title>[A-Z][\w/&+.-]*(?:(?: | [-\u2013] )[A-Z][\w/&+.-]*){0,5})"
    # "Head Baker wanted for busy artisan bakery ...": a notice opening with the role.
    r"|^(?P<wanted>[A-Z][\w/&+.-]*(?: [A-Z][\w/&+.-]*){0,4}) (?:wanted|needed|required)\b",
    re.MULTILINE,
)


def before_signature(text: str) -> str:
    """The mail up to its sign-off ("Thanks,", "Kind regards").

    The signature names the agency's office, not the job's place.
    """
    found = _SIGN_OFF.search(text)
    return text[: found.start()] if found and found.start() > len(text) // 4 else text


def is_email(labels: list[tuple[str, str]]) -> bool:
    """Whether the posting opens like an e-mail (a subject line)."""
    return any(label in SUBJECT_LABELS for label, _ in labels[:6])


def subject_parts(labels: list[tuple[str, str]]) -> list[str]:
    """The pieces of the subject line: ``"RE: Civil Engineer - Bristol"`` -> two parts."""
    for label, value in labels:
        if label in SUBJECT_LABELS:
            bare = _SUBJECT_LEAD.sub("", value[:_MAX_SUBJECT])
            parts = [p.strip() for p in _SUBJECT_PARTS.split(bare) if p and p.strip()]
            return parts[:_MAX_SUBJECT_PARTS]
    return []


def caps_title_line(text: str) -> str | None:
    """A role set on a line of its own in capitals in the mail's body: "TOWER CRANE OPERATOR"."""
    for line in text.split("\n"):
        words = line.strip(" *_#:").split()
        if 1 <= len(words) <= 6 and line.isupper() and names_role(line):
            return " ".join(words)
    return None


def client_company(text: str) -> str | None:
    """The employer a recruiter names: "on behalf of X", "my client is X", "a role at X"."""
    for pattern in (_CLIENT, _HIRING):
        for found in pattern.finditer(text):
            name = _POSSESSIVE.split(found.group("name"))[0].strip()
            name = _name_end(re.sub(r" of$", "", name))
            # "clients in downtown Toronto is looking": a place is not the client; "a developer
            # with React experience": nor is a skill.
            if _AGENCY.search(name) or name.split()[0] in _NOT_NAMES:
                continue
            if _SKILL_AFTER.match(text, found.end()):
                continue
            if not place_prose.named_as_place(name, text):
                return _LEGAL_TAIL.sub("", _LEGAL_TAIL.sub("", name))
    return None


def _name_end(name: str) -> str:
    # "Hollweg Präzisionstechnik GmbH. Das Unternehmen": a legal form or a long word ending in a
    # full stop ends the name ("St. Aldric" goes on).
    words = name.split(" ")
    if len(words[-1]) > 5 and words[-1].endswith(".") and not _LEGAL_TAIL.match(" " + words[-1]):
        words[-1] = words[-1][:-1]  # "... with Lakeside Home Health." ends the sentence
    for index, word in enumerate(words[:-1]):
        legal = bool(_LEGAL_TAIL.match(" " + word))
        if word.endswith(".") and (legal or len(word) > 5):
            kept = " ".join(words[: index + 1])
            return kept if legal else kept.rstrip(".")
    return " ".join(words)


def prose_title(text: str) -> str | None:
    """A role named in a sentence: "an opening for a Customer Service Representative with"."""
    found = _PROSE_TITLE.search(text)
    if found is None:
        return None
    # "... for a Payroll Manager. The salary": the sentence ends the title.
    return re.split(r"\.(?:\s|$)", found.group("title") or found.group("wanted"))[0]


def subject_place(
    parts: list[str], title: str | None = None, company: str | None = None, text: str = ""
) -> str | None:
    """A place among the subject's parts ("Bristol", "Munich"), not the title or company.

    "Fintech" and "ICU" look like places too: a part the body also names as a place ("in
    Denver, CO", "their London office") wins over the first part that merely looks like one.
    """
    found: list[str] = []
    # "Java Developer role in Toronto": the first part is the role, but may say where.
    lead = _IN_PLACE.search(parts[0]) if parts else None
    if lead and places.looks_like_place(lead.group(1)):
        found.append(lead.group(1))
    for part in parts[1:]:
        # "(Austin, in office)": the place before a work-mode word.
        head, _, tail = part.partition(", ")
        place = head if tail and places.mode_words(tail) else places.drop_mode_aside(part)
        place = _SITE_TAIL.sub("", place)
        if _NEAR.match(place):
            continue
        within = _IN_PLACE.search(place)  # "Privatschule in Stuttgart"
        place = within.group(1) if within else place
        if (
            place not in {title, company}
            and places.looks_like_place(place)
            and len(place) < 40
            and not _ROLE.search(place)
        ):
            found.append(place)
    return next(
        (p for p in found if place_prose.named_as_place(p, text)), found[0] if found else None
    )


def subject_employer(labels: list[tuple[str, str]]) -> str | None:
    """The name after "at" in the subject: ``"Software Engineer II at Fernway"`` -> Fernway."""
    subject = next((v for k, v in labels if k in SUBJECT_LABELS), "")
    found = _AT_EMPLOYER.search(subject)
    if (
        found is None
        or _AGENCY.search(found.group("name"))
        or places.clearly_place(found.group("name"))
    ):
        return None
    return found.group("name")


def subject_company(parts: list[str], title: str | None, text: str) -> str | None:
    """A subject part the body names again as an organisation ("Larkspur Medical Group's")."""
    for part in parts:
        if part == title or _ROLE.search(part) or places.clearly_place(part) or len(part) > 50:
            continue
        if re.search(rf"\b{re.escape(part)}(?:['\u2019]s\b| is\b| has\b)", text):
            return part
    return None


def unabbreviated(title: str, text: str) -> str:
    """``"Temp-to-hire Customer Service Rep"`` -> the body's "Customer Service Representative"."""
    bare = _TERMS_LEAD.sub("", title).strip() or title
    bare = _ROLE_TAIL.sub("", bare) or bare
    named = prose_title(text)
    # "Customer Service Rep" -> "... Representative"; "Pharmacist" -> "Supervising Pharmacist".
    longer = named is not None and len(named) > len(bare)
    if longer and named and named.lower().startswith(bare.lower()):
        return named
    if longer and named and named.lower().endswith(" " + bare.lower()):
        return named
    return bare
