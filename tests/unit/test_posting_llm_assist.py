"""The posting parser's LLM assist: the model proposes, the text decides, failures fall back."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import msgspec
import pytest
from eval.posting_world_eval import compare_assisted

from resumecore.errors import ModelReplyInvalid, ModelUnavailable
from resumecore.ids import UserId
from resumecore.posting_assist.llm_assist import LlmPostingAssist
from resumecore.posting_assist.merge import merge_proposal
from resumecore.posting_assist.prompt import PostingProposal, ProposedSalary
from resumecore.postings import ParsedPosting, default_vocabulary, parse_posting
from resumecore.postings.salary import SalaryRange
from resumecore_server.adapters.memory.language_model import ScriptedLanguageModel
from resumecore_server.adapters.memory.llm_usage import MemoryReplyCache, MemoryTokenLedger
from tests.support.clock import FakeClock

USER = UserId("u-1")
TEXT = (
    "Brightwater Dental is looking for a Dental Hygienist to join the practice in Leeds.\n"
    "Hybrid: admin days from home.\n"
    "Requirements:\n"
    "- GDC registration\n"
    "- Experience with Dentrix and periodontal charting\n"
    "Nice to have:\n"
    "- Invisalign experience\n"
    "Base salary £32,000 - £36,000 per year.\n"
    "Questions: jobs@brightwater.example.com or 0113 496 0000.\n"
)


def blank_parse(text: str = TEXT) -> ParsedPosting:
    """A parse that found nothing but the item lists, so every gap is the proposal's to fill."""
    return ParsedPosting(
        requirements=("GDC registration", "Experience with Dentrix and periodontal charting"),
        nice_to_have=("Invisalign experience",),
        description=text,
    )


def proposal(**fields: object) -> PostingProposal:
    base: dict[str, object] = {
        "title": None,
        "company": None,
        "location": None,
        "remote": None,
        "employment_type": None,
        "salary": None,
        "skills": [],
    }
    return msgspec.convert(base | fields, PostingProposal)


def merged(**fields: object) -> ParsedPosting:
    return merge_proposal(blank_parse(), proposal(**fields), default_vocabulary())


def test_fields_and_skills_that_appear_in_the_text_fill_the_gaps() -> None:
    result = merged(
        title="dental   hygienist",
        company="Brightwater Dental",
        location="Leeds",
        remote="hybrid",
        skills=["Dentrix", "periodontal charting", "Invisalign", "GDC registration"],
    )
    assert (result.title, result.company, result.location) == (
        "Dental Hygienist",  # as the text writes it
        "Brightwater Dental",
        "Leeds",
    )
    assert result.remote == "hybrid"
    vocabulary = default_vocabulary()
    dentrix = vocabulary.canonical("Dentrix")
    assert dentrix is not None
    assert dentrix in result.skills
    assert dentrix in result.required_skills
    known_or_unrecognised = {*result.skills, *result.unrecognised_skills}
    assert vocabulary.canonical("Invisalign") in known_or_unrecognised or (
        "Invisalign" in known_or_unrecognised
    )


def test_invented_skill_company_and_figures_are_dropped() -> None:
    result = merged(
        company="Acme Dental Group",
        title="Senior Orthodontist",
        location="Manchester",
        employment_type="contract",
        skills=["Kubernetes", "Python", "Dentrix"],
        salary={"min": 40000, "max": 45000, "currency": "GBP", "period": "year"},
    )
    assert (result.company, result.title, result.location) == (None, None, None)
    assert result.employment_type is None  # the text never says contract
    assert result.salary is None
    assert "Kubernetes" not in result.skills
    assert "Python" not in result.skills
    assert not {"Kubernetes", "Python"} & set(result.unrecognised_skills)


def test_base_pay_figures_that_appear_are_kept_with_the_texts_currency_and_period() -> None:
    result = merged(salary={"min": 32000, "max": 36000, "currency": "GBP", "period": "year"})
    assert result.salary is not None
    assert (result.salary.min, result.salary.max) == (32000, 36000)
    assert (result.salary.currency, result.salary.period) == ("GBP", "year")
    assert "32,000" in result.salary.text


@pytest.mark.parametrize(
    "pay_line",
    [
        "Compensation: $240K OTE with uncapped commission.",
        "OTE $240,000 in year one.",
        "Sign-on bonus of $240,000 for the right person.",
    ],
)
def test_ote_or_bonus_proposed_as_base_pay_is_dropped(pay_line: str) -> None:
    text = "Account Executive at Northwind.\n" + pay_line + "\n"
    offered = proposal(salary=ProposedSalary(min=None, max=240000, currency="USD", period="year"))
    result = merge_proposal(blank_parse(text), offered, default_vocabulary())
    assert result.salary is None


def test_the_deterministic_value_wins_where_it_found_one() -> None:
    parsed = msgspec.structs.replace(
        blank_parse(),
        title="Dental Hygienist",
        company="",
        salary=SalaryRange(min=1.0, max=2.0, currency="GBP", period="hour", text="£1-£2"),
    )
    offered = proposal(
        title="Brightwater Dental",
        company="Brightwater Dental",
        salary=ProposedSalary(min=32000, max=36000, currency="GBP", period="year"),
    )
    result = merge_proposal(parsed, offered, default_vocabulary())
    assert result.title == "Dental Hygienist"
    assert result.company == "Brightwater Dental"  # "" counts as absent
    assert result.salary == parsed.salary


def test_a_placeholder_the_model_saw_never_passes_the_evidence_check() -> None:
    result = merged(company="[EMAIL_1]", skills=["[PHONE_1]"])
    assert result.company is None
    assert "[PHONE_1]" not in result.unrecognised_skills


def assist(model: ScriptedLanguageModel, **options: object) -> LlmPostingAssist:
    cache = options.pop("cache", MemoryReplyCache())
    return LlmPostingAssist(
        model,
        cache,  # type: ignore[arg-type]
        MemoryTokenLedger(),
        FakeClock(),
        tokens_per_day=int(options.pop("tokens_per_day", 100_000)),  # type: ignore[call-overload]
        cpu=options.pop("cpu", None),  # type: ignore[arg-type]
    )


def reply(**fields: object) -> str:
    return msgspec.json.encode(proposal(**fields)).decode()


async def test_the_assisted_parse_is_the_checked_merge_and_the_prompt_is_masked() -> None:
    model = ScriptedLanguageModel([reply(company="Brightwater Dental", skills=["Dentrix", "Rust"])])
    result = await assist(model).parse(TEXT, user_id=USER)
    expected = merge_proposal(
        parse_posting(TEXT),
        proposal(company="Brightwater Dental", skills=["Dentrix", "Rust"]),
        default_vocabulary(),
    )
    assert result == expected
    assert "Rust" not in result.skills
    (call,) = model.calls
    sent = call.messages[-1].content
    assert "jobs@brightwater.example.com" not in sent
    assert "0113 496 0000" not in sent
    assert "[EMAIL_1]" in sent
    assert "[PHONE_1]" in sent
    assert msgspec.json.decode(sent)["posting"].startswith("Brightwater Dental is looking")


@pytest.mark.parametrize(
    "failure",
    [ModelUnavailable("down"), ModelReplyInvalid("bad"), '{"title": "no skills key"}'],
)
async def test_a_model_failure_gives_the_deterministic_parse(
    failure: object, caplog: pytest.LogCaptureFixture
) -> None:
    model = ScriptedLanguageModel([failure])  # type: ignore[list-item]
    with caplog.at_level(logging.WARNING, logger="resumecore.postings.assist"):
        result = await assist(model).parse(TEXT, user_id=USER)
    assert result == parse_posting(TEXT)
    assert caplog.records
    assert all("Brightwater" not in r.getMessage() for r in caplog.records)


async def test_a_spent_budget_makes_no_call_and_gives_the_deterministic_parse() -> None:
    model = ScriptedLanguageModel([reply(company="Brightwater Dental")])
    result = await assist(model, tokens_per_day=0).parse(TEXT, user_id=USER)
    assert result == parse_posting(TEXT)
    assert model.calls == []


async def test_the_same_posting_twice_is_asked_once() -> None:
    model = ScriptedLanguageModel([reply(company="Brightwater Dental", skills=["Dentrix"])])
    helper = assist(model)
    first = await helper.parse(TEXT, user_id=USER)
    second = await helper.parse(TEXT, user_id=UserId("u-2"))
    assert first == second
    assert len(model.calls) == 1


def test_the_world_eval_says_the_assist_is_skipped_without_a_model(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("RESUMECORE_LLM_MODEL", "RESUMECORE_LLM_BASE_URL", "RESUMECORE_LLM_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    figures: dict[str, float] = {}
    compare_assisted(("tuning",), figures)
    assert "llm assist: skipped" in capsys.readouterr().out
    assert figures == {}


P = ParamSpec("P")
R = TypeVar("R")


class RecordingRunner:
    """A ``CpuWorkRunner`` that runs in place and records what it was given."""

    def __init__(self) -> None:
        self.ran: list[object] = []

    async def run(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        self.ran.append(fn)
        return fn(*args, **kwargs)


async def test_the_deterministic_parse_runs_on_the_cpu_runner_it_is_given() -> None:
    # A long paste takes a second or more of CPU: on the event loop it would stall the server.
    runner = RecordingRunner()
    model = ScriptedLanguageModel([reply(company="Brightwater Dental")])
    result = await assist(model, cpu=runner).parse(TEXT, user_id=USER)
    assert runner.ran == [parse_posting]
    assert result.company == "Brightwater Dental"
