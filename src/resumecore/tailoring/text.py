"""Token normalisation shared by the lexical scorer and the verifier."""

from __future__ import annotations

import re

from resumecore.postings.vocabulary import SkillVocabulary

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOPWORD_TEXT = """a an the and or of to in on for with at by from as is are was were be been
being this that these those it its we our you your they their he she his her i me my us will
would shall should can could may might must not no nor but if then than so such into onto over
under about across per via etc also any all each both more most other some own same very using
used use work working worked job role team including include includes new plus experience
experienced years year strong good great excellent ability able skills skill knowledge
understanding familiarity solid deep comfortable ideally least minimum
der die das und oder mit für von zu den im la le les et des en du un une à"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_SUFFIXES = ("ingly", "ings", "ing", "edly", "ies", "ied", "ed", "es", "s")


def stem(word: str) -> str:
    """A light suffix-stripping stem; enough to join "pipelines"/"pipeline", "led"/"lead" not."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix in {"ies", "ied"} else "")
    return word


def tokens(text: str) -> list[str]:
    """Lower-cased, stemmed content words of ``text`` (stopwords and bare numbers dropped)."""
    return [
        stem(word)
        for word in _WORD.findall(text.casefold())
        if word not in STOPWORDS and not word.isdigit()
    ]


def without_skills(text: str, vocabulary: SkillVocabulary) -> str:
    """``text`` with every skill mention blanked out.

    Skills are scored once, by the alias-aware part; removing them from the lexical text keeps
    "PostgreSQL" from counting twice and makes adding a skill never change the BM25 part.
    """
    parts: list[str] = []
    last = 0
    for match in vocabulary.find(text):
        parts.append(text[last : match.start])
        parts.append(" ")
        last = match.end
    parts.append(text[last:])
    return "".join(parts)
