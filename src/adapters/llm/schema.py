"""The JSON schema of a reply type in the strict form OpenAI's structured outputs accept.

``msgspec.json.schema`` gives a ``$ref`` at the root and leaves fields with defaults optional.
Strict mode wants an object at the root, every property listed in ``required``,
``additionalProperties: false`` on every object, and no keywords it does not know. The reply is
still decoded by msgspec afterwards, so a field with a default is only *asked* for, never
trusted blindly.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec

# Keywords strict mode rejects; dropping them changes nothing the local decoder checks.
_UNSUPPORTED = ("default", "discriminator")
_REF_PREFIX = "#/$defs/"


def strict_json_schema(reply_type: type[Any]) -> dict[str, Any]:
    """The strict JSON schema of ``reply_type`` (a msgspec Struct): an object at the root."""
    if not (isinstance(reply_type, type) and issubclass(reply_type, msgspec.Struct)):
        msg = f"a structured reply must be a msgspec Struct, not {reply_type!r}"
        raise TypeError(msg)
    raw = msgspec.json.schema(reply_type)
    defs: dict[str, Any] = dict(raw.get("$defs", {}))
    root = raw
    ref = raw.get("$ref")
    if isinstance(ref, str) and ref.startswith(_REF_PREFIX):
        name = ref.removeprefix(_REF_PREFIX)
        root = defs[name]
        if not _refers_to(defs, name):
            del defs[name]
    if root.get("type") != "object":
        msg = f"a structured reply must be a JSON object, not {reply_type!r}"
        raise TypeError(msg)
    schema: dict[str, Any] = _strict(root)
    if defs:
        schema["$defs"] = {key: _strict(value) for key, value in defs.items()}
    return schema


def _strict(node: Any) -> Any:
    if isinstance(node, list):
        return [_strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _strict(value) for key, value in node.items() if key not in _UNSUPPORTED}
    if out.get("type") == "object" and "properties" in out:
        out["required"] = list(out["properties"])
        out["additionalProperties"] = False
    return out


def _refers_to(defs: dict[str, Any], name: str) -> bool:
    """Whether any definition refers to ``name`` (a recursive type keeps it in ``$defs``)."""
    return f'"{_REF_PREFIX}{name}"' in json.dumps(defs)


def schema_instruction(schema: dict[str, Any]) -> str:
    """The prompt text asking for JSON of ``schema`` from servers not told the schema otherwise.

    The schema follows the marker ``JSON schema:`` on its own line, compact, so a test server
    can find it again.
    """
    return (
        "Reply with one JSON object and nothing else: no prose, no Markdown. "
        "It must match this JSON schema:\n" + json.dumps(schema, separators=(",", ":"))
    )
