"""Every posting text in the test data, for checks that a faster path gives the same result."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
_TEXT_KEYS = ("raw_text", "text", "posting")


@cache
def posting_texts() -> tuple[str, ...]:
    """The posting texts of tests/data: the text fields of its JSON files and its .txt files."""
    texts: list[str] = []
    for path in sorted(DATA.rglob("*.json")):
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        for item in loaded if isinstance(loaded, list) else [loaded]:
            if isinstance(item, dict):
                texts += [v for k, v in item.items() if k in _TEXT_KEYS and isinstance(v, str)]
    texts += [path.read_text(encoding="utf-8") for path in sorted(DATA.rglob("*.txt"))]
    return tuple(texts)
