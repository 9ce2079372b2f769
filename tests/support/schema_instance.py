"""The smallest JSON value a JSON schema accepts (the subset msgspec's schemas use)."""

from __future__ import annotations

from typing import Any

_REF = "#/$defs/"


def smallest_instance(schema: dict[str, Any]) -> Any:
    """A minimal instance of ``schema``: required properties only, empty or shortest values."""
    return _instance(schema, schema.get("$defs", {}))


def _instance(node: dict[str, Any], defs: dict[str, Any]) -> Any:  # noqa: PLR0911
    if "$ref" in node:
        return _instance(defs[node["$ref"].removeprefix(_REF)], defs)
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return node["enum"][0]
    for key in ("anyOf", "oneOf"):
        if key in node:
            return _instance(node[key][0], defs)
    kind = node.get("type", "object")
    if isinstance(kind, list):
        kind = kind[0]
    if kind == "object":
        properties = node.get("properties", {})
        return {name: _instance(properties[name], defs) for name in node.get("required", [])}
    if kind == "array":
        item = node.get("items", {})
        return [_instance(item, defs) for _ in range(node.get("minItems", 0))]
    if kind == "string":
        return "x" * node.get("minLength", 0)
    if kind in {"integer", "number"}:
        return node.get("minimum", node.get("exclusiveMinimum", -1) + 1)
    if kind == "boolean":
        return False
    return None
