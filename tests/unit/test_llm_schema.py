"""The strict JSON schema sent in json_schema mode, and the reply checks every adapter shares."""

from __future__ import annotations

import json
from typing import Any, Literal

import msgspec
import pytest

from resumecore.errors import ModelReplyInvalid
from resumecore.ports.language_model import ChatMessage
from resumecore.ports.language_model_reply import decode_json_reply, strip_code_fence
from resumecore_server.adapters.llm.request import json_request, wire_messages
from resumecore_server.adapters.llm.schema import schema_instruction, strict_json_schema
from tests.support.schema_instance import smallest_instance


class Bullet(msgspec.Struct, forbid_unknown_fields=True):
    text: str
    source_ids: list[str] = []


class Cat(msgspec.Struct, tag=True):
    name: str


class Dog(msgspec.Struct, tag=True):
    barks: bool = True


class Section(msgspec.Struct):
    title: str
    bullets: list[Bullet] = []
    lead: Bullet | None = None
    kind: Literal["work", "project"] = "work"
    pet: Cat | Dog | None = None
    weight: float = 1.0


class Tree(msgspec.Struct):
    label: str
    children: list[Tree] = []


def objects(schema: Any) -> list[dict[str, Any]]:
    """Every object schema anywhere in ``schema``."""
    found = []
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            found.append(schema)
        for value in schema.values():
            found += objects(value)
    elif isinstance(schema, list):
        for item in schema:
            found += objects(item)
    return found


def test_the_root_is_the_struct_itself_not_a_ref() -> None:
    schema = strict_json_schema(Section)
    assert "$ref" not in schema
    assert schema["type"] == "object"
    assert schema["title"] == "Section"
    assert "Section" not in schema["$defs"]
    assert set(schema["$defs"]) == {"Bullet", "Cat", "Dog"}


def test_every_object_requires_every_property_and_allows_no_other() -> None:
    schema = strict_json_schema(Section)
    found = objects(schema)
    assert {o.get("title") for o in found} == {"Section", "Bullet", "Cat", "Dog"}
    for obj in found:
        assert obj["required"] == list(obj["properties"])
        assert obj["additionalProperties"] is False
    assert schema["required"] == ["title", "bullets", "lead", "kind", "pet", "weight"]
    assert schema["$defs"]["Bullet"]["required"] == ["text", "source_ids"]


def test_keywords_strict_mode_rejects_are_dropped() -> None:
    text = json.dumps(strict_json_schema(Section))
    assert '"default"' not in text
    assert '"discriminator"' not in text


def test_nested_refs_still_resolve() -> None:
    schema = strict_json_schema(Section)
    text = json.dumps(schema)
    for name in ("Bullet", "Cat", "Dog"):
        assert f'"#/$defs/{name}"' in text
        assert name in schema["$defs"]


def test_a_recursive_struct_keeps_its_definition() -> None:
    schema = strict_json_schema(Tree)
    assert schema["properties"]["children"]["items"] == {"$ref": "#/$defs/Tree"}
    assert schema["$defs"]["Tree"]["required"] == ["label", "children"]


def test_a_struct_without_nested_structs_has_no_defs() -> None:
    assert "$defs" not in strict_json_schema(Bullet)


def test_the_smallest_instance_of_the_strict_schema_decodes() -> None:
    instance = smallest_instance(strict_json_schema(Section))
    assert msgspec.json.decode(json.dumps(instance), type=Section) == Section(
        title="", bullets=[], lead=Bullet(text=""), kind="project", pet=Cat(name=""), weight=0
    )


@pytest.mark.parametrize("reply_type", [list[Bullet], str, dict[str, int]])
def test_a_reply_type_that_is_not_an_object_is_refused(reply_type: Any) -> None:
    with pytest.raises(TypeError):
        strict_json_schema(reply_type)


def test_the_prompt_instruction_carries_the_schema_compactly() -> None:
    schema = strict_json_schema(Bullet)
    text = schema_instruction(schema)
    assert "JSON" in text
    assert json.loads(text.split("JSON schema:\n", 1)[1]) == schema


def test_the_instruction_joins_the_first_system_message() -> None:
    messages = [ChatMessage("system", "You write resumes."), ChatMessage("user", "Go.")]
    wire = wire_messages(messages, "Reply in JSON.")
    assert wire == [
        {"role": "system", "content": "You write resumes.\n\nReply in JSON."},
        {"role": "user", "content": "Go."},
    ]
    assert wire_messages(messages[1:], "Reply in JSON.")[0] == {
        "role": "system",
        "content": "Reply in JSON.",
    }


def test_json_schema_mode_leaves_the_prompt_alone() -> None:
    messages = [ChatMessage("user", "Go.")]
    wire, response_format = json_request("json_schema", messages, "bullet", {"type": "object"})
    assert wire == [{"role": "user", "content": "Go."}]
    assert response_format == {
        "type": "json_schema",
        "json_schema": {"name": "bullet", "schema": {"type": "object"}, "strict": True},
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('```json\n{"text": "a"}\n```', '{"text": "a"}'),
        ('  ```\n{"text": "a"}\n```\n', '{"text": "a"}'),
        ('{"text": "a"}', '{"text": "a"}'),
        ('prose ```json\n{"text": "a"}\n```', 'prose ```json\n{"text": "a"}\n```'),
    ],
)
def test_strip_code_fence(text: str, expected: str) -> None:
    assert strip_code_fence(text) == expected


def test_a_fenced_reply_is_accepted_only_where_allowed() -> None:
    fenced = '```json\n{"text": "a"}\n```'
    assert decode_json_reply(fenced, Bullet, allow_fence=True) == Bullet(text="a")
    with pytest.raises(ModelReplyInvalid, match="not valid JSON"):
        decode_json_reply(fenced, Bullet, allow_fence=False)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("  \n", "empty"),
        ("{not json", "not valid JSON"),
        ('{"text": "a"', "not valid JSON"),
        ("[]", "wrong shape"),
        ('{"text": 3}', "wrong shape"),
        ('{"text": "a", "extra": 1}', "wrong shape"),
    ],
)
def test_bad_replies_are_model_reply_invalid(text: str, reason: str) -> None:
    with pytest.raises(ModelReplyInvalid, match=reason):
        decode_json_reply(text, Bullet, allow_fence=True)
