"""The skill vocabulary: canonical skills with aliases, matched in text in one regex pass."""

from __future__ import annotations

import re
import string
from functools import cache, lru_cache
from importlib import resources

import msgspec

from resumecore.postings import skill_context
from resumecore.postings.alias_forms import alias_forms
from resumecore.postings.skill_match import AliasInfo, AliasMode, SkillMatch


class SkillEntry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One canonical skill as stored in ``data/skills.json`` (see ``data/SKILLS.md``)."""

    name: str
    category: str
    aliases: tuple[str, ...] = ()
    safe_context_only: tuple[str, ...] = ()
    case_sensitive: tuple[str, ...] = ()


class VocabularyFile(msgspec.Struct, frozen=True, kw_only=True):
    """The top level of ``data/skills.json``."""

    version: int
    description: str = ""
    skills: tuple[SkillEntry, ...]


def folded(text: str) -> str:
    """``text`` as a case-insensitive pattern of lower-case aliases sees it, one for one.

    Matching the folded text with a case-sensitive pattern finds what ``re.IGNORECASE`` finds in
    the text (tests/unit/test_posting_skill_shortcuts.py checks every code point against every
    character of the aliases), several times faster: a case-sensitive alternation skips each
    alternative by its first letter, a case-insensitive one has to enter it.
    """
    # The dotted capital I, the dotless i and the long s, as re.IGNORECASE reads them (str.replace
    # rather than str.translate, which maps a non-ASCII text character by character).
    return text.replace("\u0130", "i").replace("\u0131", "i").replace("\u017f", "s").lower()


# The alias characters ``folded`` is checked for; a vocabulary with another one (a Greek sigma,
# whose lower case depends on the letters around it) matches the text as written, ignoring case.
FOLD_CHECKED = frozenset(
    string.ascii_lowercase + string.digits + string.punctuation + " ²áâãäæçéêíîñòóôöøúüā•"
)


def alias_key(text: str) -> str:
    """The lookup key of an alias or of matched text: lower case, hyphens as spaces."""
    return " ".join(text.lower().replace("-", " ").split())


# The key of an alias as written in a posting: a posting names the same few skills again and
# again, and postings name the same skills as each other.
_written_key = lru_cache(maxsize=4096)(alias_key)


class SkillVocabulary:
    """Canonical skills and their aliases, compiled once into a single trie-shaped regex."""

    def __init__(self, entries: tuple[SkillEntry, ...]) -> None:
        """Index ``entries``; raise ``ValueError`` if two skills claim the same alias."""
        self.entries = entries
        self._aliases: dict[str, AliasInfo] = {}
        self._by_name: dict[str, SkillEntry] = {}
        for entry in entries:
            self._by_name[alias_key(entry.name)] = entry
            for key, info in _alias_infos(entry):
                if key in self._aliases and self._aliases[key].canonical != entry.name:
                    raise ValueError(f"alias {key!r} belongs to two skills")
                self._aliases[key] = info
        # The parser asks the category of each canonical name dozens of times per posting: an
        # exact-name lookup skips building the key each time (a name not found falls back to it).
        self._category_by_name = {
            entry.name: self._by_name[alias_key(entry.name)].category for entry in entries
        }
        self._forms: dict[str, list[str]] = {}
        self._add_forms()
        # Case-sensitive, for the folded text (see ``folded``); the alias keys are lower-case.
        self._folds = {char for key in self._aliases for char in key} <= FOLD_CHECKED
        self._pattern = re.compile(
            r"(?<![\w.+#@])(" + _trie_pattern(self._aliases) + r")(s|es)?(?![\w+#]|\.\w|://)",
            0 if self._folds else re.IGNORECASE,
        )

    def _add_forms(self) -> None:
        # Conjugated and respelled forms of plain aliases; a form another skill claims stays its.
        for key, info in list(self._aliases.items()):
            if info.mode != "plain":
                continue
            for form in alias_forms(key):
                if form not in self._aliases:
                    self._aliases[form] = info
                    self._forms.setdefault(info.canonical, []).append(form)

    @property
    def size(self) -> int:
        """The number of canonical skills."""
        return len(self.entries)

    def category(self, canonical_name: str) -> str | None:
        """The category of a canonical skill, or ``None`` if unknown."""
        known = self._category_by_name.get(canonical_name)
        if known is not None:
            return known
        entry = self._by_name.get(alias_key(canonical_name))
        return entry.category if entry else None

    def canonical(self, name: str) -> str | None:
        """The canonical name for ``name`` (a canonical name or any alias), else ``None``.

        Context-only aliases resolve too: the caller asks about a name, not about running text.
        """
        info = self._aliases.get(alias_key(name))
        if info is not None:
            return info.canonical
        entry = self._by_name.get(alias_key(name))
        return entry.name if entry else None

    def names(self, canonical_name: str) -> tuple[str, ...]:
        """Every written form of a canonical skill: its name, its aliases and their other forms."""
        entry = self._by_name.get(alias_key(canonical_name))
        if entry is None:
            return ()
        return (
            entry.name,
            *entry.aliases,
            *entry.safe_context_only,
            *entry.case_sensitive,
            *self._forms.get(entry.name, ()),
        )

    def needs_context(self, alias: str) -> bool:
        """Whether ``alias`` only counts as a skill with evidence around it ("Go", "R", "C")."""
        info = self._aliases.get(alias_key(alias))
        return info is not None and info.mode == "context"

    def find(self, text: str) -> list[SkillMatch]:
        """Every skill mention in ``text``, left to right, longest alias first.

        Short ambiguous aliases ("Go", "R", "C", "Excel"...) count only in a safe context.
        """
        candidates: list[tuple[SkillMatch, AliasInfo]] = []
        for found in self._pattern.finditer(folded(text) if self._folds else text):
            alias = text[found.start(1) : found.end(1)]  # as written, not folded
            info = self._aliases.get(_written_key(alias))
            if info is None or (found.group(2) and (info.mode != "plain" or len(alias) < 3)):
                continue
            match = SkillMatch(
                canonical=info.canonical,
                start=found.start(),
                end=found.end(1),
                alias=alias,
            )
            if info.mode != "plain" and match.alias not in info.forms:
                continue
            candidates.append((match, info))
        return skill_context.keep_safe(text, candidates, self.is_tech)

    def is_tech(self, canonical_name: str) -> bool:
        """Whether a canonical skill is a technology (a language, framework, cloud, database...)."""
        return self.category(canonical_name) in skill_context.TECH_CATEGORIES


def _alias_infos(entry: SkillEntry) -> list[tuple[str, AliasInfo]]:
    special: list[tuple[str, AliasInfo]] = []
    modes: tuple[tuple[AliasMode, tuple[str, ...]], ...] = (
        ("context", entry.safe_context_only),
        ("case", entry.case_sensitive),
    )
    for mode, forms in modes:
        by_key: dict[str, list[str]] = {}
        for form in forms:
            by_key.setdefault(alias_key(form), []).append(form)
        special += [
            (
                key,
                AliasInfo(canonical=entry.name, category=entry.category, mode=mode, forms=tuple(f)),
            )
            for key, f in by_key.items()
        ]
    taken = {key for key, _ in special}
    plain = [
        (key, AliasInfo(canonical=entry.name, category=entry.category, mode="plain"))
        for key in dict.fromkeys(alias_key(a) for a in (entry.name, *entry.aliases))
        if key not in taken
    ]
    return special + plain


def _trie_pattern(aliases: dict[str, AliasInfo]) -> str:
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for key in aliases:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    ends_here = "" in node
    branches = [_char_pattern(char) + _emit(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body


def _char_pattern(char: str) -> str:
    # A space in an alias also matches a hyphen or a line break inside the phrase.
    return "[ \\-\\n]" if char == " " else re.escape(char)


_FILES = ("skills.json", "skills_esco.json")


@cache
def default_vocabulary() -> SkillVocabulary:
    """The shipped vocabulary (``data/skills.json``, then ``data/skills_esco.json``), compiled once.

    The hand-written file wins: a generated entry whose name or alias it already claims is left out.
    """
    entries: list[SkillEntry] = []
    claimed: set[str] = set()
    for name in _FILES:
        raw = resources.files("resumecore.data").joinpath(name).read_bytes()
        for entry in msgspec.json.decode(raw, type=VocabularyFile).skills:
            keys = {key for key, _ in _alias_infos(entry)} | {alias_key(entry.name)}
            if name != _FILES[0] and keys & claimed:
                continue
            claimed |= keys
            entries.append(entry)
    return SkillVocabulary(tuple(entries))
