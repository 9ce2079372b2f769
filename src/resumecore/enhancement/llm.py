"""The LLM enhancer: the offline enhancement, with texts a language model tightened.

The model sees the profile's own texts by id (redacted) and rewrites the summary and each
experience's and project's description; every sentence must cite its item and pass the
verifier. A text that fails twice keeps the offline enhancer's version; a model that cannot
answer leaves the whole offline enhancement (and its writer name) in place.
"""

from __future__ import annotations

from resumecore.enhancement.offline import OfflineEnhancer
from resumecore.generation.llm.access import Ask, ModelAccess
from resumecore.generation.llm.parts import SUMMARY
from resumecore.generation.llm.prompt import ENHANCE_TASK, PROMPT_VERSION, EnhanceReply, Sentence
from resumecore.generation.phrasing import tidy
from resumecore.model.profile import Profile
from resumecore.ports.profile_enhancer import Enhancement, ProfileEnhancer
from resumecore.tailoring.items import skill_id

MAX_SKILLS = 40


def profile_facts(profile: Profile) -> dict[str, str]:
    """The texts the model may use, by id: summary, experiences, projects, skills."""
    facts: dict[str, str] = {}
    if profile.professional_summary:
        facts["profile"] = profile.professional_summary
    for exp in profile.experiences:
        lines = [f"{exp.title} at {exp.company}", exp.description or "", *exp.achievements]
        facts[exp.id] = " ".join(tidy(line) for line in lines if line.strip())
    for project in profile.projects:
        lines = [project.name, project.description or "", *project.highlights]
        facts[project.id] = " ".join(tidy(line) for line in lines if line.strip())
    for name in profile.skills.technical[:MAX_SKILLS]:
        if name.strip():
            facts[skill_id(name)] = name
    return facts


class LlmEnhancer:
    """A ``ProfileEnhancer`` that has a language model tighten the offline enhancement."""

    name = "llm"

    def __init__(self, access: ModelAccess, offline: ProfileEnhancer | None = None) -> None:
        """Ask through ``access``; ``offline`` gives the fallback texts."""
        self._access = access
        self._offline = offline or OfflineEnhancer(vocabulary=access.vocabulary)
        self.version = f"{PROMPT_VERSION}:{access.model.model}"

    async def enhance(self, profile: Profile) -> Enhancement:
        """The offline proposal with the texts the model rewrote and the verifier accepted."""
        offline = await self._offline.enhance(profile)
        facts = profile_facts(profile)
        ids = [i.id for i in profile.experiences] + [p.id for p in profile.projects]
        items = [item for item in ids if item in offline.items]
        owners: dict[str, set[str]] = {item: {item} for item in items}
        if offline.summary:
            owners[SUMMARY] = set()
        data = {
            "facts": [{"id": key, "text": text} for key, text in facts.items()],
            "summary": offline.summary or "",
            "items": [{"id": item, "text": offline.items[item]} for item in items],
        }

        def proposed(reply: EnhanceReply) -> dict[str, list[Sentence]]:
            return {SUMMARY: reply.summary} | {i.id: i.sentences for i in reply.items}

        ask = Ask(ENHANCE_TASK, data, EnhanceReply, proposed, owners, facts)
        outcome, _ = await self._access.verified(profile, ask)
        if outcome is None:
            return offline
        texts = {
            part: " ".join(line.text for line in lines) for part, lines in outcome.parts.items()
        }
        return Enhancement(
            writer=f"{self.name}/{self.version}",
            summary=texts.pop(SUMMARY, offline.summary),
            items=offline.items | texts,
            left_out=offline.left_out,
        )
