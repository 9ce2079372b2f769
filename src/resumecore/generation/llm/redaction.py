"""Personal data out of prompts: names, e-mails, phones, street addresses and URLs.

Before a prompt leaves the process each such value becomes a placeholder ("[EMAIL_1]"); the
reply's placeholders are turned back afterwards. The profile's own contact values are replaced
wherever they occur, and anything else shaped like an e-mail, phone, URL or street address too
(a bullet may quote a colleague's address). Placeholders are numbered in order of first
appearance, so the same input always gives the same redacted text (the reply cache relies
on it).
"""

from __future__ import annotations

import re

from resumecore.model.profile import Profile
from resumecore.personal_data import PLACEHOLDER, SHAPES


class Redactor:
    """Replaces one profile's personal data by placeholders, and puts it back."""

    def __init__(self, profile: Profile, *, enabled: bool = True) -> None:
        """Redact ``profile``'s contact values and anything shaped like personal data."""
        self.enabled = enabled
        info = profile.personal_info
        self._known: list[tuple[str, str]] = []
        name = (info.full_name or "").strip()
        if name:
            self._known.append((name, "[NAME]"))
            parts = [p for p in re.split(r"\s+", name) if len(p.strip(".,")) >= 2]
            self._known += [(part.strip(".,"), "[NAME]") for part in parts if len(parts) > 1]
        for kind, value in (
            ("EMAIL", info.email),
            ("PHONE", info.phone),
            ("URL", info.linkedin),
            ("URL", info.github),
            ("URL", info.website),
        ):
            if value and value.strip():
                self._known.append((value.strip(), f"[{kind}]"))
        location = (info.location or "").strip()
        if any(ch.isdigit() for ch in location):  # a street address, not just a city
            self._known.append((location, "[ADDRESS]"))
        self._known.sort(key=lambda pair: len(pair[0]), reverse=True)
        self._values: dict[str, str] = {}  # placeholder -> original
        self._placeholders: dict[str, str] = {}  # original -> placeholder

    def redact(self, text: str) -> str:
        """``text`` with personal data replaced (unchanged when redaction is off)."""
        if not self.enabled or not text:
            return text
        for value, label in self._known:
            known = re.compile(rf"(?<!\w){re.escape(value)}(?!\w)")
            text = self._replace(known, label, text)
        for kind, shape in SHAPES:
            text = self._replace(shape, f"[{kind}]", text)
        return text

    def _replace(self, pattern: re.Pattern[str], label: str, text: str) -> str:
        return pattern.sub(lambda m: self._hold(m.group(0), label), text)

    def restore(self, text: str) -> str:
        """``text`` with every placeholder this redactor made turned back into its value."""
        if not self.enabled:
            return text
        return PLACEHOLDER.sub(lambda m: self._values.get(m.group(0), m.group(0)), text)

    def _hold(self, value: str, label: str) -> str:
        if PLACEHOLDER.fullmatch(value):
            return value
        if value not in self._placeholders:
            count = sum(1 for p in self._values if p.startswith(label[:-1]))
            placeholder = f"{label[:-1]}_{count + 1}]"
            self._placeholders[value] = placeholder
            self._values[placeholder] = value
        return self._placeholders[value]
