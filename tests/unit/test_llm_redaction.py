"""Personal data never leaves in a prompt, and comes back in the reply."""

from __future__ import annotations

import json
from collections.abc import Sequence

import msgspec
from eval.tailoring_data import load_job, load_profile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumecore.generation.llm.access import ModelAccess
from resumecore.generation.llm.redaction import Redactor
from resumecore.generation.llm.writer import LlmWriter
from resumecore.model.document import CoverLetterOptions, ResumeOptions
from resumecore.model.profile import Profile
from resumecore.ports.language_model import ChatMessage
from resumecore.tailoring import select_for_resume
from resumecore_server.adapters.memory.language_model import ScriptedLanguageModel
from resumecore_server.adapters.memory.llm_usage import MemoryReplyCache, MemoryTokenLedger
from tests.support.clock import FakeClock

BASE, _ = load_profile("software")
JOB = load_job("devops_bullets_remote_eu")
FIRST = st.sampled_from(["Ruby", "Amara", "Jonas", "Mei", "Siobhan", "Tomasz", "Zoë", "Kwame"])
LAST = st.sampled_from(["Chen", "Okafor", "Lindqvist", "Nakamura", "Fitzgerald", "Ødegård"])
HANDLE = st.from_regex(r"[a-z]{3,8}(\.[a-z]{2,6})?", fullmatch=True)
PHONE = st.sampled_from(["+1 555 010 0199", "(555) 867-5309", "+44 20 7946 0958", "555.123.4567"])


@st.composite
def personal(draw: st.DrawFn) -> dict[str, str]:
    first, last, handle = draw(FIRST), draw(LAST), draw(HANDLE)
    return {
        "first": first,
        "last": last,
        "full_name": f"{first} {last}",
        "email": f"{handle}@{draw(st.sampled_from(['example.com', 'mail.example.org']))}",
        "phone": draw(PHONE),
        "linkedin": f"https://www.linkedin.com/in/{handle.replace('.', '-')}",
        "website": f"https://{handle.replace('.', '')}.dev/portfolio",
        "address": f"{draw(st.integers(1, 9999))} Harbour Street",
    }


def with_personal(values: dict[str, str]) -> Profile:
    info = msgspec.structs.replace(
        BASE.personal_info,
        full_name=values["full_name"],
        email=values["email"],
        phone=values["phone"],
        linkedin=values["linkedin"],
        website=values["website"],
        location=f"{values['address']}, Leeds",
    )
    first = BASE.experiences[0]
    leaky = (
        f"Mentored by {values['first']}; reach me at {values['email']} or {values['phone']}, "
        f"demo at {values['website']}, office at {values['address']}",
    )
    experiences = (
        msgspec.structs.replace(first, achievements=leaky + first.achievements),
        *BASE.experiences[1:],
    )
    summary = f"{values['full_name']} builds platforms. See {values['linkedin']}."
    return msgspec.structs.replace(
        BASE, personal_info=info, experiences=experiences, professional_summary=summary
    )


def echo(messages: Sequence[ChatMessage]) -> str:
    sent = json.loads(messages[1].content)
    if "paragraphs" in messages[1].content and "roles" not in sent:
        return json.dumps({"paragraphs": []})
    return json.dumps({"summary": [], "roles": []})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=personal())
async def test_no_name_email_phone_address_or_url_of_the_profile_is_in_any_prompt(
    values: dict[str, str],
) -> None:
    profile = with_personal(values)
    plan = select_for_resume(profile, JOB)
    model = ScriptedLanguageModel(respond=echo)
    writer = LlmWriter(
        ModelAccess(
            model, MemoryReplyCache(), MemoryTokenLedger(), FakeClock(), tokens_per_day=10**6
        )
    )
    await writer.write_resume(profile, JOB, plan, ResumeOptions())
    await writer.write_cover_letter(profile, JOB, plan, CoverLetterOptions())
    prompts = " ".join(m.content for call in model.calls for m in call.messages)
    assert model.calls
    for key in ("first", "last", "email", "phone", "linkedin", "website", "address"):
        assert values[key] not in prompts, key
    assert "[EMAIL_1]" in prompts or "[EMAIL]" in prompts


def test_placeholders_come_back_as_the_values_they_stand_for() -> None:
    profile = with_personal(
        {
            "first": "Ruby",
            "last": "Chen",
            "full_name": "Ruby Chen",
            "email": "ruby@example.com",
            "phone": "(555) 867-5309",
            "linkedin": "https://www.linkedin.com/in/ruby",
            "website": "https://ruby.dev/x",
            "address": "12 Harbour Street",
        }
    )
    redactor = Redactor(profile)
    text = "Ruby Chen (ruby@example.com, (555) 867-5309) - see https://ruby.dev/x; Ruby led it."
    hidden = redactor.redact(text)
    assert "Ruby" not in hidden
    assert "example.com" not in hidden
    assert "867" not in hidden
    assert redactor.redact(text) == hidden  # the same input, the same placeholders
    assert redactor.restore(hidden) == text


def test_figures_dates_and_ids_are_not_mistaken_for_phones() -> None:
    redactor = Redactor(BASE)
    text = "Cut 2,000,000 rows to 40 in 2019-2021 (id 3f2a1b4c-1234-5678-9abc-def012345678)"
    assert redactor.redact(text) == text


def test_with_redaction_off_the_text_is_unchanged() -> None:
    profile = with_personal(
        {
            "first": "Mei", "last": "Chen", "full_name": "Mei Chen", "email": "m@example.com",
            "phone": "555.123.4567", "linkedin": "https://x.dev/a", "website": "https://x.dev/b",
            "address": "1 Harbour Street",
        }
    )  # fmt: skip
    assert Redactor(profile, enabled=False).redact("Mei Chen, m@example.com") == (
        "Mei Chen, m@example.com"
    )
