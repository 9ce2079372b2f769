"""Other written forms of a vocabulary alias: conjugated duty verbs and the other spelling.

A county board writes "Collects specimens", a nurse posting "collecting specimens", a UK practice
"local anaesthetic": each is a form of an alias the vocabulary already has ("collect
specimens", "local anesthetic"). Only the first word of an alias is conjugated, and only when it
is one of the common duty verbs below; spellings change by whole words or by well-known word
parts (anesth-/anaesth-, -ize/-ise).
"""

from __future__ import annotations

import re

_DUTY_VERBS = frozenset(
    str.split(
        "administer analyze analyse answer apply assemble assess assist audit balance bill build "
        "calibrate calendar calculate change charge check clean collect complete conduct "
        "configure coordinate create cut debug deliver deploy design develop diagnose dispense "
        "document draft draw drive enter file fill fit handle hang inspect install interpret "
        "investigate issue keep label lead load log maintain make manage measure mentor monitor "
        "negotiate obtain operate order organise organize pack package perform place plan "
        "position post prepare prepay price print process program pull read receive reconcile "
        "record redact refer remove repair replace report resolve restock review run schedule "
        "screen secure serve service set ship sort stock supervise support take teach test "
        "track train transcribe transfer treat troubleshoot tune unload update use verify wire "
        "weld write"
    )
)
_DOUBLED = frozenset({"plan", "run", "set", "ship", "log", "cut", "program", "label", "fit"})
_IRREGULAR_ING = {"lead": "leading", "draw": "drawing", "make": "making", "take": "taking"}
_WORD_PAIRS = (
    ("center", "centre"),
    ("centers", "centres"),
    ("behavior", "behaviour"),
    ("behavioral", "behavioural"),
    ("labor", "labour"),
    ("color", "colour"),
    ("license", "licence"),
    ("licensed", "licenced"),
    ("modeling", "modelling"),
    ("labeling", "labelling"),
    ("catalog", "catalogue"),
    ("fiber", "fibre"),
    ("tire", "tyre"),
    ("tires", "tyres"),
    ("aluminum", "aluminium"),
    ("defense", "defence"),
    ("tumor", "tumour"),
    ("program", "programme"),
    ("programs", "programmes"),
    ("counseling", "counselling"),
    ("fulfillment", "fulfilment"),
    ("enrollment", "enrolment"),
)
_WORD_SWAP = dict(_WORD_PAIRS) | {b: a for a, b in _WORD_PAIRS}
_PART_PAIRS = (
    ("anesth", "anaesth"),
    ("pediatr", "paediatr"),
    ("orthoped", "orthopaed"),
    ("hemat", "haemat"),
    ("hemo", "haemo"),
    ("esophag", "oesophag"),
    ("gynec", "gynaec"),
    ("estrogen", "oestrogen"),
)
_GERMAN_ADJECTIVE_ENDINGS = ("ale", "ische", "liche", "tive")
_IZE = re.compile(r"^(\w{4,})(iz|is|yz|ys)(e|es|ed|ing|ation|ations)$")


def alias_forms(alias: str) -> tuple[str, ...]:
    """Other forms of a lower-case ``alias``, without the alias itself.

    Args:
        alias: A plain alias key: lower case, words separated by single spaces.

    Returns:
        The conjugated forms of a leading duty verb ("collect specimens" -> "collects
        specimens", "collecting specimens") and the other spelling of the whole alias.
    """
    words = alias.split(" ")
    forms: list[str] = []
    if len(words) > 1 and words[0] in _DUTY_VERBS:
        forms += [" ".join([verb, *words[1:]]) for verb in _conjugations(words[0])]
    if len(words) > 1 and words[0].endswith(_GERMAN_ADJECTIVE_ENDINGS):
        # German declines a leading adjective: "Basale Stimulation" -> "mit Basaler Stimulation".
        forms += [" ".join([words[0] + ending, *words[1:]]) for ending in ("r", "n")]
    spelled = " ".join(_respelled(word) for word in words)
    if spelled != alias:
        forms.append(spelled)
        first, *rest = spelled.split(" ")
        if rest and first in _DUTY_VERBS:
            forms += [" ".join([verb, *rest]) for verb in _conjugations(first)]
    return tuple(dict.fromkeys(form for form in forms if form != alias))


def _conjugations(verb: str) -> tuple[str, str]:
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        third = verb + "es"
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    if verb in _IRREGULAR_ING:
        return third, _IRREGULAR_ING[verb]
    if verb in _DOUBLED:
        return third, verb + verb[-1] + "ing"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return third, verb[:-1] + "ing"
    return third, verb + "ing"


def _respelled(word: str) -> str:
    if word in _WORD_SWAP:
        return _WORD_SWAP[word]
    for american, british in _PART_PAIRS:
        if word.startswith(british):
            return american + word[len(british) :]
        if word.startswith(american):
            return british + word[len(american) :]
    found = _IZE.match(word)
    if found:
        stem, middle, ending = found.groups()
        swapped = {"iz": "is", "is": "iz", "yz": "ys", "ys": "yz"}[middle]
        return stem + swapped + ending
    return word
