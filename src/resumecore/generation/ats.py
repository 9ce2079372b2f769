"""The ATS score of a written document: what a screening system would find in it.

It reads the document, not the profile: a keyword counts only if the document names it. The
score is ``100 * (0.6 * must-have coverage + 0.2 * length within range + 0.2 * sections
present)``; with no must-have skills in the posting, coverage counts as 1.
"""

from __future__ import annotations

from resumecore.model.document import WrittenDocument
from resumecore.model.generation import AtsReport
from resumecore.postings.vocabulary import SkillVocabulary
from resumecore.tailoring import MatchReport

ATS_VERSION = "ats-1"
WORDS = {"resume": (150, 1000), "cover_letter": (120, 500)}


def _sections(document: WrittenDocument, company: str) -> dict[str, bool]:
    kinds = {section.kind for section in document.sections}
    if document.document_type == "resume":
        return {
            "contact": "header" in kinds,
            "experience_or_education": bool(kinds & {"experience", "education"}),
            "skills": "skills" in kinds,
        }
    return {
        "greeting": "greeting" in kinds,
        "closing": "closing" in kinds,
        "names_the_company": not company or company.casefold() in document.text.casefold(),
    }


def ats_report(
    document: WrittenDocument, match: MatchReport, company: str, vocabulary: SkillVocabulary
) -> tuple[float, AtsReport]:
    """The 0-100 score and the report behind it."""
    named = {found.canonical for found in vocabulary.find(document.text)}
    wanted = tuple(dict.fromkeys((*match.matched_skills, *match.missing_skills)))
    matched = tuple(skill for skill in wanted if skill in named)
    missing = tuple(skill for skill in wanted if skill not in named)
    coverage = len(matched) / len(wanted) if wanted else 1.0
    words = len(document.text.split())
    low, high = WORDS[document.document_type]
    checks = _sections(document, company)
    report = AtsReport(
        must_have_coverage=round(coverage, 3),
        matched_keywords=matched,
        missing_keywords=missing,
        word_count=words,
        length_ok=low <= words <= high,
        section_checks=checks,
    )
    present = sum(checks.values()) / len(checks)
    score = 100 * (0.6 * coverage + 0.2 * report.length_ok + 0.2 * present)
    return round(score, 1), report
