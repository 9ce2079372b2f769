"""How a resume bullet can be quoted inside a letter's sentence, judged by its first word.

Bullets are written without a subject: "Moved 60 services to Kubernetes", "Assess and care for
5-6 patients". A past-tense verb reads well after "I"; so does a present-tense one for a current
role. A present-tense verb of a past role reads well after "my job there was to". Anything else
(a noun, a name, a figure) is quoted whole after a colon, never bent into a false sentence.
"""

from __future__ import annotations

from typing import Literal

BulletForm = Literal["past", "base", "other"]


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
    observe record"""
)
# Verbs that are also common nouns: a verb only before an article, pronoun or "and".
_AMBIGUOUS_BASE = _words(
    """lead run plan design test report chart care process service load lay track file document
    work answer review close charge walk mark grade fix set cut"""
)
# Adjectives above that are past-tense verbs before these words: "Qualified as ACA in 2019".
_PARTICIPLE_VERBS = {"qualified": _words("as for"), "registered": _words("as for")}
_VERB_FOLLOWERS = _words(
    """the a an and our my their his her all every each new up out on in over for to with
    patients residents customers clients staff teams"""
)


def bullet_form(bullet: str) -> BulletForm:
    """Whether ``bullet`` opens with a past-tense verb, a present-tense verb, or neither."""
    words = bullet.split()
    if not words:
        return "other"
    first = words[0]
    if not (first[:1].isupper() and first[1:].islower() and first.isalpha()):
        return "other"
    word = first.casefold()
    follower = words[1].casefold().strip(",;:") if len(words) > 1 else ""
    if follower in _PARTICIPLE_VERBS.get(word, ()) or (
        word not in _NOT_VERBS
        and (word in _IRREGULAR_PAST or (len(word) >= 4 and word.endswith("ed")))
    ):
        return "past"
    if word in _NOT_VERBS:
        return "other"
    if word in _SAFE_BASE or (word in _AMBIGUOUS_BASE and follower in _VERB_FOLLOWERS):
        return "base"
    return "other"
