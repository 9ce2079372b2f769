"""Which parser produced a parse: the key part that keeps cached parses from going stale."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

# Bump for a change of output the files below cannot show (none is expected: the parser is pure).
PARSER_VERSION = 1
_VOCABULARY_FILES = ("skills.json", "skills_esco.json", "cities.tsv.gz")


@cache
def parser_fingerprint() -> str:
    """``PARSER_VERSION`` and a hash of the parser's source files, vocabularies and town list.

    Any edit to the parser or its data changes it, so a cache keyed by it never serves a parse
    made by other code (processes of two releases can also share one cache safely).
    """
    digest = hashlib.sha256(str(PARSER_VERSION).encode())
    package = resources.files("resumecore.postings")
    for source in sorted(package.iterdir(), key=lambda item: item.name):
        if source.name.endswith(".py"):
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
    data = resources.files("resumecore.data")
    for name in _VOCABULARY_FILES:
        digest.update(name.encode() + b"\0" + data.joinpath(name).read_bytes())
    return f"{PARSER_VERSION}-{digest.hexdigest()[:16]}"
