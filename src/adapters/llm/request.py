"""What goes into a chat-completions request for each way of asking for JSON.

- ``json_schema``: the strict schema as ``response_format`` (OpenAI, vLLM, llama.cpp, recent
  Ollama); the prompt is left as written.
- ``json_object``: ``{"type": "json_object"}`` (JSON guaranteed, shape not), the schema in the
  system prompt (OpenAI requires the word "JSON" in the prompt in this mode; the instruction
  has it).
- ``prompt_only``: no ``response_format`` at all (for servers that reject it), the schema in
  the prompt.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from resumecore.ports.language_model import ChatMessage
from resumecore_server.adapters.llm.schema import schema_instruction

StructuredOutput = Literal["json_schema", "json_object", "prompt_only"]


def response_format(
    mode: StructuredOutput, schema_name: str, schema: dict[str, Any]
) -> dict[str, Any] | None:
    """The ``response_format`` to send, or None to send none."""
    if mode == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": schema_name, "schema": schema, "strict": True},
        }
    if mode == "json_object":
        return {"type": "json_object"}
    return None


def wire_messages(
    messages: Sequence[ChatMessage], instruction: str | None = None
) -> list[dict[str, str]]:
    """The messages as the API takes them, with ``instruction`` added to the system prompt.

    The instruction joins the first system message rather than becoming a second one: some
    servers' chat templates accept a single system message, and only at the start.
    """
    wire = [{"role": message.role, "content": message.content} for message in messages]
    if instruction is None:
        return wire
    if wire and wire[0]["role"] == "system":
        wire[0] = {"role": "system", "content": f"{wire[0]['content']}\n\n{instruction}"}
    else:
        wire.insert(0, {"role": "system", "content": instruction})
    return wire


def json_request(
    mode: StructuredOutput,
    messages: Sequence[ChatMessage],
    schema_name: str,
    schema: dict[str, Any],
) -> tuple[list[dict[str, str]], dict[str, Any] | None]:
    """The messages and ``response_format`` that ask for JSON of ``schema`` in ``mode``."""
    instruction = None if mode == "json_schema" else schema_instruction(schema)
    return wire_messages(messages, instruction), response_format(mode, schema_name, schema)
