"""The skill phase's shortcuts answer exactly what the plain path answers.

Each shortcut (an exact-name lookup, a cached answer about an alias, a check for a required
word before a regex search) must give the same result as the work it skips, over every posting
text in tests/data and over crafted edge cases.
"""

from __future__ import annotations

from resumecore.postings.vocabulary import alias_key, default_vocabulary


def test_category_by_exact_name_equals_the_key_lookup() -> None:
    vocabulary = default_vocabulary()
    by_key = vocabulary._by_name
    for entry in vocabulary.entries:
        for name in (
            entry.name,
            entry.name.upper(),
            entry.name.replace(" ", "-"),
            f" {entry.name}",
        ):
            found = by_key.get(alias_key(name))
            assert vocabulary.category(name) == (found.category if found else None)
    assert vocabulary.category("no such skill at all") is None
