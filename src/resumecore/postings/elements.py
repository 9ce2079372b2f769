r"""HTML elements found as ``re`` finds ``<name ...>.*?</name\s*>``, in linear time.

``re`` reads on from each opening tag to the end of the text when no closing tag follows it: a
paste of thousands of unclosed ``<footer>`` tags took seconds. Here, once no closing tag follows
one opening tag, later ones of the same name are passed over at once: none follows them either.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Where an element is: its start, its content's start and end, and its end.
ElementSpan = tuple[int, int, int, int]
# ``(?P<n>name)...</(?P=n)``: the closing tag's name is compared as ``re`` compares a group.
_SAME_NAME = re.compile(r"([^\x00]*)\x00\1", re.IGNORECASE | re.DOTALL)


class Elements:
    r"""``re.compile(opening + r".*?</" + name + r"\s*>", flags)``, one element at a time."""

    __slots__ = ("_closing", "_flags", "_opening")

    def __init__(self, opening: str, flags: int, closing: str | None = None) -> None:
        r"""Find elements that open with ``opening``.

        Args:
            opening: Opening-tag alternatives, each with one group for the name the closing tag
                repeats; an alternative with no group is a whole element (``<!DOCTYPE ...>``).
                The names of different alternatives never open at one place.
            flags: The ``re`` flags of the pattern (``re.DOTALL`` for the content).
            closing: One closing tag for every element instead (``</script\s*>``).
        """
        self._opening = re.compile(opening, flags)
        self._flags = flags
        self._closing = None if closing is None else re.compile(closing, flags)

    def spans(self, text: str) -> list[ElementSpan]:
        """The elements ``finditer`` would find, in order."""
        found: list[ElementSpan] = []
        unclosed: set[str] = set()
        position = 0
        while (opening := self._opening.search(text, position)) is not None:
            name = next((group for group in opening.groups() if group is not None), None)
            if name is None and self._closing is None:
                end = opening.end()
                found.append((opening.start(), end, end, end))
                position = end
                continue
            key = name or ""
            closing = None if key in unclosed else self._closing_tag(text, opening.end(), key)
            if closing is None:
                unclosed.add(key)
                position = opening.start() + 1
                continue
            found.append((opening.start(), opening.end(), closing.start(), closing.end()))
            position = closing.end()
        return found

    def sub(self, replacement: Callable[[str], str], text: str) -> str:
        """``text`` with each element replaced by ``replacement`` of its content."""
        parts: list[str] = []
        last = 0
        for start, content_start, content_end, end in self.spans(text):
            parts += (text[last:start], replacement(text[content_start:content_end]))
            last = end
        return "".join(parts) + text[last:] if parts else text

    def _closing_tag(self, text: str, start: int, name: str) -> re.Match[str] | None:
        if self._closing is not None:
            return self._closing.search(text, start)
        candidate = re.compile(rf"</(.{{{len(name)}}})\s*>", self._flags | re.DOTALL)
        while (found := candidate.search(text, start)) is not None:
            if _SAME_NAME.fullmatch(f"{name}\x00{found.group(1)}"):
                return found
            start = found.start() + 1
        return None
