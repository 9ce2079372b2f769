"""The offline writer follows a sample's measurable style: bullet length and person.

Each test compares the same inputs written with and without a style: the style must change
the output measurably, add no word the profile lacks (the verify stage passes), and, for
bullets, keep exactly the same words (reshaped at semicolons, never reworded).
"""

from __future__ import annotations

import re
from collections import Counter

import msgspec
from eval.tailoring_data import load_job, load_profile

from resumecore.generation.offline_writer import OfflineWriter, allowed_words
from resumecore.generation.verify import unsupported_lines
from resumecore.model.document import CoverLetterOptions, ResumeOptions, WrittenDocument
from resumecore.model.profile import Profile
from resumecore.postings.vocabulary import default_vocabulary
from resumecore.samples.style import WritingStyle
from resumecore.tailoring import select_for_resume

WRITER = OfflineWriter()
SOFTWARE, _ = load_profile("software")
DEVOPS = load_job("devops_bullets_remote_eu")
SHORT = WritingStyle(bullet_words=6.0, bullet_marker="-")
LONG = WritingStyle(bullet_words=30.0, bullet_marker="-")
IMPERSONAL = WritingStyle(sentence_words=14.0, first_person=False)


def with_bullets(profile: Profile, *bullets: str) -> Profile:
    first = msgspec.structs.replace(profile.experiences[0], achievements=bullets)
    return msgspec.structs.replace(profile, experiences=(first, *profile.experiences[1:]))


PROFILE = with_bullets(
    SOFTWARE,
    "Moved 60 services to Kubernetes with Helm charts and Argo CD; cut deploy time from 40 to "
    "6 minutes; wrote the on-call runbooks for the platform",
    "Wrote GitHub Actions pipelines used by 12 teams",
    "Built the Prometheus stack",
)


async def resume(style: WritingStyle | None) -> WrittenDocument:
    plan = select_for_resume(PROFILE, DEVOPS)
    return await WRITER.write_resume(PROFILE, DEVOPS, plan, ResumeOptions(), style=style)


def first_role_bullets(doc: WrittenDocument) -> list[str]:
    role = next(s for s in doc.sections if s.kind == "experience").entries
    heading = next(e for e in role if "Northwind" in e.heading.text)
    return [line.text for line in heading.lines if "Kubernetes platform on GKE" not in line.text]


def words(lines: list[str]) -> Counter[str]:
    return Counter(w.casefold() for line in lines for w in re.findall(r"[\w/-]+", line))


def mean_words(lines: list[str]) -> float:
    return sum(len(line.split()) for line in lines) / len(lines)


def assert_grounded(doc: WrittenDocument, allowed: tuple[str, ...]) -> None:
    assert unsupported_lines(doc, PROFILE, default_vocabulary(), allowed) == []


async def test_a_short_bullet_style_splits_long_bullets_at_their_semicolons() -> None:
    plain, short = await resume(None), await resume(SHORT)

    assert len(first_role_bullets(short)) > len(first_role_bullets(plain))
    assert mean_words(first_role_bullets(short)) < mean_words(first_role_bullets(plain)) / 1.5
    assert "Cut deploy time from 40 to 6 minutes" in first_role_bullets(short)
    assert words(first_role_bullets(short)) == words(first_role_bullets(plain))
    assert_grounded(short, allowed_words(DEVOPS))


async def test_a_long_bullet_style_joins_short_bullets_without_new_words() -> None:
    plain, long = await resume(None), await resume(LONG)

    assert len(first_role_bullets(long)) < len(first_role_bullets(plain))
    assert mean_words(first_role_bullets(long)) > mean_words(first_role_bullets(plain))
    assert words(first_role_bullets(long)) == words(first_role_bullets(plain))
    assert_grounded(long, allowed_words(DEVOPS))


async def test_without_a_bullet_length_the_resume_is_unchanged() -> None:
    assert await resume(WritingStyle()) == await resume(None)


async def letter(style: WritingStyle | None) -> WrittenDocument:
    plan = select_for_resume(PROFILE, DEVOPS)
    options = CoverLetterOptions(max_paragraphs=5)
    return await WRITER.write_cover_letter(PROFILE, DEVOPS, plan, options, style=style)


def first_person(doc: WrittenDocument) -> int:
    return len(re.findall(r"\b(?:I|my|me)\b", doc.text))


async def test_a_sample_not_in_the_first_person_gives_a_letter_with_fewer_i_sentences() -> None:
    personal, impersonal = await letter(None), await letter(IMPERSONAL)

    assert first_person(impersonal) < first_person(personal)
    assert "One result of that work: " in impersonal.text
    assert_grounded(impersonal, allowed_words(DEVOPS, CoverLetterOptions()))
    assert await letter(WritingStyle(first_person=True)) == personal
