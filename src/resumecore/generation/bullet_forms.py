"""How a resume bullet can be quoted inside a letter's sentence, judged by its first word.

Bullets are written without a subject: "Moved 60 services to Kubernetes", "Assess and care for
5-6 patients". A past-tense verb reads well after "I"; so does a present-tense one for a current
role, and a passive one ("Recognized as Associate of the Month") after "I was". A
present-tense verb of a past role reads well after "my job there was to". Anything else (a
noun, a name, a figure) is quoted whole after a colon, never bent into a false sentence.
"""

from __future__ import annotations

import re
from typing import Literal

BulletForm = Literal["past", "passive", "base", "other"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_IRREGULAR_PAST = _words(
    """built led ran wrote made kept taught drove grew won cut set brought sold took gave began
    found put spent met held oversaw undertook rebuilt rewrote saw spoke chose became did
    went sent bought fed dealt laid paid shot split stood struck swept told thought
    understood"""
)
_NOT_VERBS = _words(
    """advanced experienced dedicated detailed skilled qualified certified licensed talented
    motivated seasoned accomplished registered related based red bed speed need seed feed
    shed hundred embed interested varied assorted cross-trained"""
)
# Verbs a bullet can open with whatever follows them.
_SAFE_BASE = _words(
    """assess teach find supervise train build maintain develop write help deliver coordinate
    prepare monitor own handle operate drive install repair wire inspect analyse analyze
    create mentor coach serve resolve keep use precept administer provide ensure oversee
    organise organize schedule implement automate migrate ship deploy cook clean tutor
    recover diagnose lift move sell advise audit reconcile negotiate recruit hire onboard
    collaborate communicate manage improve reduce increase support assist respond greet
    welcome guide facilitate investigate refactor optimise optimize configure troubleshoot
    research present teach transport unload pick pack stock restock sort shelve prescribe
    observe record see take treat perform conduct educate evaluate examine explain"""
)
# Verbs that are also common nouns: a verb only before an article, pronoun or "and".
_AMBIGUOUS_BASE = _words(
    """lead run plan design test report chart care process service load lay track file document
    work answer review close charge walk mark grade fix set cut"""
)
# Adjectives above that are past-tense verbs before these words: "Qualified as ACA in 2019".
_PARTICIPLE_VERBS = {"qualified": _words("as for"), "registered": _words("as for")}
# Verbs a bullet uses in the passive before these words: "Recognized as Associate of the
# Month", "Promoted to shift lead". After "I" they need "was" ("Promoted products to" has an
# object first and stays active).
_PASSIVE_FOLLOWERS = dict.fromkeys(
    _words(
        """recognized recognised promoted awarded selected nominated chosen elected voted invited
        appointed honored honoured commended named shortlisted"""
    ),
    _words("as for to by"),
)
# ... and before a capitalised title: "Named Employee of the Year", "Appointed Head of Maths".
_PASSIVE_BEFORE_NAMES = _words("awarded named voted elected appointed")
_VERB_FOLLOWERS = _words(
    """the a an and our my their his her all every each new up out on in over for to with
    patients residents customers clients staff teams"""
)


def bullet_form(bullet: str) -> BulletForm:
    """Whether ``bullet`` opens with a past-tense verb, a passive one, a present one, or none."""
    words = bullet.split()
    first = words[0] if words else ""
    if not (first[:1].isupper() and first[1:].islower() and first.isalpha()):
        return "other"
    word = first.casefold()
    after = words[1].strip(",;:") if len(words) > 1 else ""
    follower = after.casefold()
    if follower in _PASSIVE_FOLLOWERS.get(word, ()) or (
        word in _PASSIVE_BEFORE_NAMES and after[:1].isupper()
    ):
        return "passive"
    if follower in _PARTICIPLE_VERBS.get(word, ()) or (
        word not in _NOT_VERBS
        and (word in _IRREGULAR_PAST or (len(word) >= 4 and word.endswith("ed")))
    ):
        return "past"
    if word in _SAFE_BASE or (word in _AMBIGUOUS_BASE and follower in _VERB_FOLLOWERS):
        return "base"
    return "other"


_SEMICOLON = re.compile(r"\s*;\s+")


def as_one_clause(bullet: str) -> str:
    """A bullet of clauses run together with semicolons, as one list: "A; b; c" -> "A, b and c".

    "Picked and packed orders; ran cycle counts; trained 5 new hires" quoted after "I" read as
    one sentence with semicolons inside. Joined only when every part opens with a verb of the
    same form and holds no comma (a comma inside a part would blur where the list's items
    end); otherwise the bullet is returned as it is.
    """
    parts = [part for part in _SEMICOLON.split(bullet.strip().rstrip(";.")) if part]
    if len(parts) < 2 or any("," in part or ";" in part for part in parts):
        return bullet
    forms = {bullet_form(part[:1].upper() + part[1:]) for part in parts}
    if len(forms) != 1 or forms == {"other"}:
        return bullet
    return f"{', '.join(parts[:-1])} and {parts[-1]}"
