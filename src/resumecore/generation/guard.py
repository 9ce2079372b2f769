"""The writer's own check: a line is written only if the grounding verifier accepts it.

The writer composes sentences from profile facts, so they should pass by construction; this
guard is for what construction cannot promise. The verifier reads some of the profile's own
words as claims (a bullet "Reported to the CTO at Globex" names an employer the profile does not
list; a project link ending in ":8080" is a figure; a date after 2030 lies outside its window),
and the pipeline rejects such sentences, so the writer leaves them out instead, taking the next
candidate. The job's title and the company applied to are the only other words allowed.
"""

from __future__ import annotations

from collections.abc import Iterable

from resumecore.generation.phrasing import normal_form
from resumecore.model.profile import Profile
from resumecore.postings.vocabulary import SkillVocabulary
from resumecore.tailoring.grounding import GroundingChecker


class Guard:
    """Accepts a text when it has no unsupported claim and says nothing said before."""

    def __init__(
        self, profile: Profile, vocabulary: SkillVocabulary, allowed: tuple[str, ...]
    ) -> None:
        """Check against ``profile``, allowing the words of ``allowed`` (job title, company)."""
        self._checker = GroundingChecker(profile, vocabulary, allowed=allowed)
        self.allowed = allowed
        self._verdicts: dict[str, bool] = {}
        self._said: set[str] = set()

    def grounded(self, text: str) -> bool:
        """True when the verifier finds nothing in ``text`` the profile does not support."""
        if text not in self._verdicts:
            self._verdicts[text] = not self._checker.claims(text)
        return self._verdicts[text]

    def fresh(self, text: str) -> bool:
        """True when no sentence with the same words was written before."""
        return bool(text.strip()) and normal_form(text) not in self._said

    def accept(self, text: str) -> bool:
        """Grounded and fresh: then it counts as said, and True is returned."""
        if not self.fresh(text) or not self.grounded(text):
            return False
        self.remember(text)
        return True

    def remember(self, text: str) -> None:
        """Count ``text`` as said (for lines written without the claims check: contact)."""
        self._said.add(normal_form(text))

    def first(self, candidates: Iterable[str]) -> str | None:
        """The first candidate accepted, or None."""
        return next((text for text in candidates if self.accept(text)), None)

    def keep_grounded(self, names: Iterable[str]) -> list[str]:
        """The names that pass the check on their own, in order, without counting them said."""
        return [name for name in names if name.strip() and self.grounded(name)]
