"""What the verifier finds wrong with a sentence the model wrote.

A sentence passes when it cites facts that exist (and, for a role's bullet, that role), when
the grounding checker finds no claim the profile does not support, and when every figure in
it appears in a fact it cites (a true figure from another role is still a false claim about
this one). Findings are short English sentences: they go back to the model as they are.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from resumecore.generation.llm.prompt import Sentence
from resumecore.tailoring.grounding import GroundingChecker

MAX_WORDS = 60
# "6 years" of experience is summed over roles, not stated in one: the grounding checker
# bounds it by the profile's total, so this check leaves it alone.
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*(?!\d|[.,]\d|\+?\s*-?(?:years?|yrs?)\b)")


def _digits(text: str) -> str:
    return text.replace(",", "").replace(".", "")


class SentenceChecker:
    """Findings for sentences against the facts sent to the model and the whole profile."""

    def __init__(self, facts: Mapping[str, str], grounding: GroundingChecker) -> None:
        """``facts`` are the citable ids and their texts (``job`` included when citable)."""
        self._facts = facts
        self._grounding = grounding

    def findings(self, sentence: Sentence, own: Collection[str] = ()) -> list[str]:
        """What is wrong with ``sentence``; ``own`` are the ids a role's bullet must cite one of."""
        text = sentence.text.strip()
        if not text:
            return ["The sentence is empty."]
        found: list[str] = []
        if len(text.split()) > MAX_WORDS:
            found.append(f"The sentence is longer than {MAX_WORDS} words.")
        unknown = [s for s in sentence.sources if s not in self._facts]
        if not sentence.sources:
            found.append("It cites no fact.")
        elif unknown:
            found.append(f"It cites ids that do not exist: {', '.join(unknown[:5])}.")
        if own and not any(s in own for s in sentence.sources):
            found.append("It cites nothing from the role it is written under.")
        found += [f"{c.kind} '{c.text}': {c.reason}." for c in self._grounding.claims(text)]
        cited = " ".join(_digits(self._facts.get(s, "")) for s in sentence.sources)
        found += [
            f"The figure {figure} is not in the facts it cites."
            for figure in dict.fromkeys(_FIGURE.findall(text))
            if _digits(figure) not in cited
        ]
        return found
