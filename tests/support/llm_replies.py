"""Model replies computed from the LLM writer's prompt data, shared by unit and HTTP tests."""

from __future__ import annotations

import json
from typing import Any


def prompt_data(messages: list[Any]) -> dict[str, Any]:
    """The JSON data of the writer's user message (ChatMessage or wire dicts)."""
    user = messages[1]
    content = user["content"] if isinstance(user, dict) else user.content
    return json.loads(content)  # type: ignore[no-any-return]


def faithful_resume(data: dict[str, Any]) -> str:
    """A rewrite that only reorders: each role's achievements reversed (its description left
    out), the summary's first sentence kept; every sentence cites what it came from."""
    facts = {f["id"]: f["text"] for f in data["facts"]}
    summary = [{"text": data["summary"][0], "sources": list(facts)}] if data["summary"] else []
    roles = [
        {
            "id": r["id"],
            "bullets": [
                {"text": facts[b], "sources": [b]} for b in r["bullets"][::-1] if b != r["id"]
            ],
        }
        for r in data["roles"]
    ]
    return json.dumps({"summary": summary, "roles": roles})
