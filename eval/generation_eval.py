"""Evaluate the offline writer on every graded (profile, job) case: claims, coverage, limits.

Run from the repository root: ``python -m eval.generation_eval``. For each case of the tuning
and held-out sets (``tests/data/tailoring``), under each option set of ``VARIANTS``, it writes
the resume and the cover letter as the generation pipeline does (offline relevance scores ->
``select_for_resume`` -> ``OfflineWriter`` -> the verify stage's ``unsupported_lines`` with the
job's title and company allowed -> ``ats_report``) and reports:

- unsupported claims (lines the verify stage would refuse; must be 0),
- must-have coverage: of the job's required skills the profile names anywhere (the match
  report's ``matched_skills`` that the posting requires), the share the resume names,
- length: word counts (against the ATS ranges), letter paragraphs <= ``max_paragraphs``,
  resume experiences <= ``max_experiences``,
- duplicate sentences within a document (must be 0),
- the ATS score distribution,

then prints two resumes and two cover letters to read. Exits 1 when a figure breaks its floor
in ``eval/generation_floors.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.tailoring_data import DATA, HELDOUT, Case, load_cases
from resumecore.generation.ats import WORDS, ats_report
from resumecore.generation.offline_writer import OfflineWriter
from resumecore.generation.verify import unsupported_lines
from resumecore.model.document import CoverLetterOptions, ResumeOptions, WrittenDocument
from resumecore.model.job import Job
from resumecore.model.profile import Profile
from resumecore.postings.vocabulary import SkillVocabulary, default_vocabulary
from resumecore.services.generations.run import MAX_BULLETS
from resumecore.services.jobs.relevance import RelevanceScorer
from resumecore.tailoring import match_report, select_for_resume

FLOORS = Path(__file__).with_name("generation_floors.json")
# (name, resume options, letter options): the defaults the app sends, and a tight budget.
VARIANTS: tuple[tuple[str, ResumeOptions, CoverLetterOptions], ...] = (
    ("default", ResumeOptions(), CoverLetterOptions()),
    (
        "tight",
        ResumeOptions(max_experiences=2, max_projects=1, include_summary=False),
        CoverLetterOptions(max_paragraphs=3, tone="concise"),
    ),
)
# Cases printed in full for a person to read (one tuning, one held-out; both variants' defaults).
SHOWN = ("finance/financial_analyst_fpa", "heldout:marketing/marketing_manager_gbp_k")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_SPACES = re.compile(r"\s+")
# A full stop after these ends no sentence ("St. Brendan's", "Dr. Lee", "J. Smith").
_ABBREVIATIONS = frozenset({"st.", "dr.", "mr.", "mrs.", "ms.", "prof.", "inc.", "ltd.", "co."})


@dataclass
class Written:
    """One case under one variant: the documents and every figure measured on them."""

    case: str
    variant: str
    title: str
    resume: WrittenDocument
    letter: WrittenDocument
    claims: list[str]
    possible: list[str]  # required skills the profile names anywhere
    covered: list[str]  # ... of which the resume names
    letter_covered: list[str]  # ... of which the letter names
    resume_words: int
    letter_words: int
    paragraphs: int
    max_paragraphs: int
    experiences: int
    max_experiences: int
    duplicates: list[str]
    ats_resume: float
    ats_letter: float
    notes: list[str] = field(default_factory=list)


def required_skills(job: Job, vocabulary: SkillVocabulary) -> list[str]:
    """The job's must-have skills, canonical: parsed required skills and those in requirements."""
    names = [vocabulary.canonical(name) or name for name in job.required_skills]
    names += [m.canonical for line in job.requirements for m in vocabulary.find(line)]
    return list(dict.fromkeys(names))


def split_sentences(text: str) -> list[str]:
    """``text`` cut after ``.``, ``!`` or ``?`` before a capital, not after an abbreviation."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text):
        last = out[-1].rsplit(maxsplit=1)[-1].casefold() if out else ""
        if last in _ABBREVIATIONS or re.fullmatch(r"[a-z]\.", last):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def sentences(document: WrittenDocument) -> list[str]:
    """Every sentence the writer wrote (3 words or more), normalised for comparison."""
    out = []
    for line in document.written_lines():
        for sentence in split_sentences(line.text):
            norm = _SPACES.sub(" ", sentence).strip().rstrip(".!?,;:").casefold()
            if len(norm.split()) >= 3:
                out.append(norm)
    return out


def duplicate_sentences(document: WrittenDocument) -> list[str]:
    """Sentences written more than once in the same document (each listed once)."""
    return [text for text, n in Counter(sentences(document)).items() if n > 1]


def _section_entries(document: WrittenDocument, kind: str) -> int:
    return sum(len(s.entries) for s in document.sections if s.kind == kind)


async def write_case(
    profile: Profile,
    job: Job,
    name: str,
    variant: tuple[str, ResumeOptions, CoverLetterOptions],
    scorer: RelevanceScorer,
    writer: OfflineWriter,
    vocabulary: SkillVocabulary,
) -> Written:
    """Both documents of one case as ``RunGeneration`` makes them, and their figures."""
    label, resume_options, letter_options = variant
    match = match_report(profile, job)
    relevance = await scorer(profile, job)
    claims: list[str] = []
    docs: dict[str, tuple[WrittenDocument, float]] = {}
    for kind, options in (("resume", resume_options), ("letter", letter_options)):
        limits = options if isinstance(options, ResumeOptions) else ResumeOptions()
        plan = select_for_resume(
            profile, job, limits.max_experiences, limits.max_projects, MAX_BULLETS,
            vocabulary, list(relevance.scores),
        )  # fmt: skip
        if isinstance(options, CoverLetterOptions):
            document = await writer.write_cover_letter(profile, job, plan, options)
            company = options.company_name or job.company
            manager = options.hiring_manager_name
        else:
            document = await writer.write_resume(profile, job, plan, options)
            company, manager = job.company, None
        allowed = tuple(a for a in (job.title, company, manager) if a)
        claims += unsupported_lines(document, profile, vocabulary, allowed)
        score, _ = ats_report(document, match, company, vocabulary)
        docs[kind] = (document, score)
    (resume, ats_resume), (letter, ats_letter) = docs["resume"], docs["letter"]
    required = set(required_skills(job, vocabulary))
    possible = [skill for skill in match.matched_skills if skill in required]
    in_resume = {m.canonical for m in vocabulary.find(resume.text)}
    in_letter = {m.canonical for m in vocabulary.find(letter.text)}
    return Written(
        case=name,
        variant=label,
        title=f"{job.title} at {job.company}",
        resume=resume,
        letter=letter,
        claims=claims,
        possible=possible,
        covered=[s for s in possible if s in in_resume],
        letter_covered=[s for s in possible if s in in_letter],
        resume_words=len(resume.text.split()),
        letter_words=len(letter.text.split()),
        paragraphs=_section_entries(letter, "body"),
        max_paragraphs=letter_options.max_paragraphs,
        experiences=_section_entries(resume, "experience"),
        max_experiences=resume_options.max_experiences,
        duplicates=duplicate_sentences(resume) + duplicate_sentences(letter),
        ats_resume=ats_resume,
        ats_letter=ats_letter,
    )


def all_cases() -> list[tuple[str, Case]]:
    """(name, case) for the tuning set, then the held-out set (names prefixed ``heldout:``)."""
    tuning = [(case.name, case) for case in load_cases(DATA)]
    return tuning + [(f"heldout:{case.name}", case) for case in load_cases(HELDOUT)]


async def write_all(cases: list[tuple[str, Case]]) -> list[Written]:
    """Every case under every variant."""
    scorer, writer, vocabulary = RelevanceScorer(), OfflineWriter(), default_vocabulary()
    return [
        await write_case(case.profile, case.job, name, variant, scorer, writer, vocabulary)
        for name, case in cases
        for variant in VARIANTS
    ]


def _spread(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    quartiles = statistics.quantiles(ordered, n=4) if len(ordered) > 1 else ordered * 3
    return {
        "min": ordered[0],
        "p25": round(quartiles[0], 1),
        "median": round(statistics.median(ordered), 1),
        "p75": round(quartiles[2], 1),
        "max": ordered[-1],
    }


def summarise(written: list[Written]) -> dict[str, Any]:
    """The figures the floors are checked on; coverage and ATS come from the default variant."""
    default = [w for w in written if w.variant == VARIANTS[0][0]]
    possible = sum(len(w.possible) for w in default)
    resume_low, resume_high = WORDS["resume"]
    letter_low, letter_high = WORDS["cover_letter"]
    return {
        "documents": 2 * len(written),
        "unsupported_claims": sum(len(w.claims) for w in written),
        "duplicate_sentences": sum(len(w.duplicates) for w in written),
        "over_paragraph_limit": sum(w.paragraphs > w.max_paragraphs for w in written),
        "over_experience_limit": sum(w.experiences > w.max_experiences for w in written),
        "must_have_possible": possible,
        "resume_must_have_coverage": round(
            sum(len(w.covered) for w in default) / possible if possible else 1.0, 3
        ),
        "letter_must_have_coverage": round(
            sum(len(w.letter_covered) for w in default) / possible if possible else 1.0, 3
        ),
        "resume_must_have_coverage_tight": round(
            sum(len(w.covered) for w in written if w.variant == VARIANTS[1][0]) / possible
            if possible
            else 1.0,
            3,
        ),
        "resume_words": _spread([w.resume_words for w in written]),
        "letter_words": _spread([w.letter_words for w in written]),
        "resume_words_outside_ats_range": sum(
            not resume_low <= w.resume_words <= resume_high for w in written
        ),
        "letter_words_outside_ats_range": sum(
            not letter_low <= w.letter_words <= letter_high for w in written
        ),
        "ats_resume": _spread([w.ats_resume for w in default]),
        "ats_letter": _spread([w.ats_letter for w in default]),
    }


def failures(summary: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    """Every floor the summary breaks (empty when all hold)."""
    out = []
    for key in ("unsupported_claims", "duplicate_sentences"):
        if summary[key] > floors[f"max_{key}"]:
            out.append(f"{key} {summary[key]} > {floors[f'max_{key}']}")
    for key in ("over_paragraph_limit", "over_experience_limit"):
        if summary[key]:
            out.append(f"{key}: {summary[key]} documents")
    for key in ("resume_words_outside_ats_range", "letter_words_outside_ats_range"):
        if summary[key] > floors[f"max_{key}"]:
            out.append(f"{key} {summary[key]} > {floors[f'max_{key}']}")
    for key in ("resume_must_have_coverage", "resume_must_have_coverage_tight"):
        if summary[key] < floors[key]:
            out.append(f"{key} {summary[key]:.3f} < floor {floors[key]}")
    for kind in ("resume", "letter"):
        median = summary[f"ats_{kind}"]["median"]
        if median < floors[f"ats_{kind}_median"]:
            out.append(f"median {kind} ATS score {median} < floor {floors[f'ats_{kind}_median']}")
    return out


def print_report(written: list[Written], summary: dict[str, Any]) -> None:
    """Per-case rows, then the summary."""
    print(
        f"{'case':52} {'variant':8} {'claims':>6} {'must':>9} {'words r/l':>10} "
        f"{'para':>5} {'exp':>5} {'dup':>4} {'ats r/l':>11}"
    )
    for w in written:
        print(
            f"{w.case:52} {w.variant:8} {len(w.claims):>6} "
            f"{len(w.covered):>4}/{len(w.possible):<4} {w.resume_words:>5}/{w.letter_words:<4} "
            f"{w.paragraphs:>2}/{w.max_paragraphs:<2} {w.experiences:>2}/{w.max_experiences:<2} "
            f"{len(w.duplicates):>4} {w.ats_resume:>5.1f}/{w.ats_letter:<5.1f}"
        )
        for line in w.claims:
            print(f"    UNSUPPORTED: {line}")
        for sentence in w.duplicates:
            print(f"    DUPLICATE: {sentence}")
        missed = [s for s in w.possible if s not in w.covered]
        if missed and w.variant == VARIANTS[0][0]:
            print(f"    resume misses must-haves the profile has: {', '.join(missed)}")
    s = summary
    print(
        f"\n{s['documents']} documents ({len(written)} case x variant pairs, variants: "
        f"{', '.join(v[0] for v in VARIANTS)})\n"
        f"unsupported claims: {s['unsupported_claims']}\n"
        f"duplicate sentences: {s['duplicate_sentences']}\n"
        f"over the paragraph limit: {s['over_paragraph_limit']}, "
        f"over the experience limit: {s['over_experience_limit']}\n"
        f"must-have coverage (default options, {s['must_have_possible']} required skills the "
        f"profiles have): resume {s['resume_must_have_coverage']:.3f}, "
        f"letter {s['letter_must_have_coverage']:.3f}; resume under the tight options "
        f"{s['resume_must_have_coverage_tight']:.3f}\n"
        f"resume words {s['resume_words']} (outside ATS range {WORDS['resume']}: "
        f"{s['resume_words_outside_ats_range']})\n"
        f"letter words {s['letter_words']} (outside ATS range {WORDS['cover_letter']}: "
        f"{s['letter_words_outside_ats_range']})\n"
        f"ATS resume {s['ats_resume']}\nATS letter {s['ats_letter']}"
    )


def print_samples(written: list[Written], names: tuple[str, ...] = SHOWN) -> None:
    """The full resume and letter of each named case (default options)."""
    rule = "=" * 78
    for w in written:
        if w.case in names and w.variant == VARIANTS[0][0]:
            print(f"\n{rule}\n{w.case}: {w.title}\n{rule}\n{w.resume.text}\n{'-' * 78}")
            print(w.letter.text, end="")


def main(argv: list[str] | None = None) -> int:
    """Print the report and two sample pairs; return 1 when a floor is broken."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-samples", action="store_true", help="skip the printed documents")
    args = parser.parse_args(argv)
    written = asyncio.run(write_all(all_cases()))
    summary = summarise(written)
    print_report(written, summary)
    if not args.no_samples:
        print_samples(written)
    broken = failures(summary, json.loads(FLOORS.read_text())["floors"])
    for failure in broken:
        print(f"FAIL: {failure}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
