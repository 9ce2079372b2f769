"""What every paragraph of a cover letter reads: the inputs, the guard, and what was said."""

from __future__ import annotations

from resumecore.generation.guard import Guard
from resumecore.generation.phrasing import sentence, tidy
from resumecore.generation.profile_view import all_items
from resumecore.generation.tone import Phrases
from resumecore.model.components import Experience
from resumecore.model.profile import Profile
from resumecore.postings.vocabulary import SkillVocabulary
from resumecore.tailoring.items import Item
from resumecore.tailoring.report import MatchReport
from resumecore.tailoring.selection import ResumePlan

EVIDENCING = ("met", "partial")


class LetterContext:
    """Inputs, the guard, and the skills and roles already named (so nothing is said twice)."""

    def __init__(
        self,
        *,
        profile: Profile,
        plan: ResumePlan,
        report: MatchReport,
        vocabulary: SkillVocabulary,
        guard: Guard,
        phrases: Phrases,
        company: str | None,
        personal: bool = True,
    ) -> None:
        """Keep the inputs; nothing is named yet.

        ``personal`` False (a sample that does not write "I") quotes bullets whole instead of
        retelling them as "I ..." sentences.
        """
        self.profile = profile
        self.plan = plan
        self.report = report
        self.vocabulary = vocabulary
        self.guard = guard
        self.phrases = phrases
        self.company = company
        self.personal = personal
        self.items: list[Item] = all_items(profile)
        self.mentioned: set[str] = set()
        self.introduced: str | None = None
        self.introduced_study: str | None = None  # the degree the opening told, if any
        self.evidence_ids = [
            evidence.item_id
            for requirement in report.requirements
            if requirement.status in EVIDENCING
            for evidence in requirement.evidence
        ]
        self.scores = {score.item_id: score.score for score in plan.scores}

    @property
    def company_or_team(self) -> str:
        """The company's name, or "your team" when the posting names none."""
        return self.company or "your team"

    def experience(self, experience_id: str) -> Experience | None:
        """The role with this id, if the profile still has it."""
        return next((e for e in self.profile.experiences if e.id == experience_id), None)

    def first(self, candidates: list[str]) -> str | None:
        """The first candidate sentence the guard accepts."""
        return self.guard.first(dict.fromkeys(sentence(c) for c in candidates if c.strip()))

    def shown(self, names: list[str]) -> list[str]:
        """Names tidied, de-duplicated ignoring case, and accepted one by one by the guard."""
        unique = {tidy(n).casefold(): tidy(n) for n in reversed(names) if n.strip()}
        ordered = [unique[key] for key in dict.fromkeys(tidy(n).casefold() for n in names) if key]
        return self.guard.keep_grounded(ordered)
