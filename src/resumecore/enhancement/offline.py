"""The default ``ProfileEnhancer``: deterministic, offline, tightens and orders, invents nothing.

- Summary: the person's own summary, sentence by sentence (tidied, repeats dropped). Without
  one, or when the verifier refuses every sentence of it, a summary composed from profile facts
  as the offline writer composes one (``generation/summary.py``): the latest title, whole years
  of experience and the employer, then the first listed technical skills.
- Experiences and projects: the description's sentences, then the achievements (highlights
  for a project) with figures first, then those opening with a verb (``text.strongest_first``),
  one paragraph within the stored length limit.

Every sentence and bullet goes through the writer's ``Guard`` first; what it refuses is left
out (and counted in ``Enhancement.left_out``). "Today" is the profile's ``updated_at`` month,
as for the writer, so the same profile always gives the same texts.
"""

from __future__ import annotations

from resumecore.enhancement.text import distinct, paragraph, sentences, strongest_first
from resumecore.generation.guard import Guard
from resumecore.generation.phrasing import tidy
from resumecore.generation.summary import TOP_SKILLS, composed_opening, skills_line
from resumecore.model.components import LONG
from resumecore.model.profile import Profile
from resumecore.ports.profile_enhancer import Enhancement
from resumecore.ports.work import IN_PLACE, CpuWorkRunner
from resumecore.postings.vocabulary import SkillVocabulary, default_vocabulary

NAME = "offline"
VERSION = "enhance-1"


def composed_summary(profile: Profile, guard: Guard) -> str | None:
    """A summary from facts: the writer's opening, then the first listed technical skills.

    "<Title> with N years of experience, currently at <Company>. Core skills: A, B and C."
    """
    opening = composed_opening(profile, guard)
    said = opening.text.casefold() if opening else ""
    named = [n for n in profile.skills.technical if n.strip() and tidy(n).casefold() not in said]
    skills = skills_line(named[:TOP_SKILLS], guard, "Core skills: {}.")
    return " ".join(line.text for line in (opening, skills) if line is not None) or None


def summary_text(profile: Profile, guard: Guard) -> tuple[str | None, int]:
    """The enhanced summary, and how many of the person's own sentences were refused."""
    text, refused = paragraph(distinct(sentences(profile.professional_summary)), guard.accept, LONG)
    return (text or composed_summary(profile, guard)), refused


def description_text(
    description: str | None, bullets: tuple[str, ...], guard: Guard
) -> tuple[str | None, int]:
    """One item's description then its bullets, strongest first; and how many were refused."""
    tidied = [" ".join(sentences(bullet)) for bullet in strongest_first(bullets)]
    pieces = distinct([*sentences(description), *tidied])
    return paragraph(pieces, guard.grounded, LONG)


def enhance_offline(profile: Profile, vocabulary: SkillVocabulary | None = None) -> Enhancement:
    """The offline enhancement of ``profile`` (pure and deterministic)."""
    guard = Guard(profile, vocabulary or default_vocabulary(), ())
    summary, left_out = summary_text(profile, guard)
    items: dict[str, str] = {}
    parts = [(e.id, e.description, e.achievements) for e in profile.experiences]
    parts += [(p.id, p.description, p.highlights) for p in profile.projects]
    for item_id, description, bullets in parts:
        text, refused = description_text(description, bullets, guard)
        left_out += refused
        if text is not None:
            items[item_id] = text
    return Enhancement(writer=f"{NAME}/{VERSION}", summary=summary, items=items, left_out=left_out)


class OfflineEnhancer:
    """Tightens and orders the profile's own text; composes a summary from facts if none."""

    name = NAME
    version = VERSION

    def __init__(
        self, cpu: CpuWorkRunner | None = None, vocabulary: SkillVocabulary | None = None
    ) -> None:
        """Run on ``cpu``'s workers (inline when None, for tests and tools)."""
        self._cpu = cpu or IN_PLACE
        self._vocabulary = vocabulary or default_vocabulary()

    async def enhance(self, profile: Profile) -> Enhancement:
        """``enhance_offline`` of the profile, off the event loop when a runner is given."""
        return await self._cpu.run(enhance_offline, profile, self._vocabulary)
