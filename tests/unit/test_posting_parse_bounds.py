"""How much work a pasted posting can cost: where it is parsed, and pastes that were slow.

A paste up to ``INLINE_PARSE_LIMIT`` characters is parsed on the event loop (a thread hop costs
more than the parse under load), so no paste that short may take long in any shape; longer ones
go to the parsing worker, where a slow one still holds the only parsing thread.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import pytest

from resumecore.postings import furniture, gazetteer, parse_posting, salary, skill_fields
from resumecore.services.jobs.posting_parses import INLINE_PARSE_LIMIT, ParsedPostings
from resumecore_server.adapters.cache.memory_cache import MemorySharedCache
from tests.support.stopwatch import stopwatch

pytestmark = pytest.mark.alone  # bounds wall time: run by itself

P = ParamSpec("P")
R = TypeVar("R")

# Pastes that once took seconds at 50,000 characters, and the slowest shapes known at the limit.
SLOW_SHAPES = (
    "accounting, ",
    "5 years of accounting, ",
    "accounting or nursing or ",
    "Senior Software Engineer at Acme in Berlin (Remote) ",
    "$1-$2k ",
    "€ 1.000,00 ",
    "SQL\n",
    "Python | Java | ",
    "Stack: Go, ",
    "Tools: R, ",
    "ML ",
    "German, ",
    "English, German, ",
    "English ",
    "A-",
)


def _paste(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


class _RecordingRunner:
    """A ``CpuWorkRunner`` that runs in place and remembers what it was given."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    async def run(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        self.texts.extend(arg for arg in args if isinstance(arg, str))
        return fn(*args, **kwargs)


async def test_a_short_paste_is_parsed_in_place_and_a_long_one_on_the_worker() -> None:
    runner = _RecordingRunner()
    parses = ParsedPostings(MemorySharedCache(default_ttl_seconds=60), cpu=runner)
    short = _paste("We need Python and SQL. ", INLINE_PARSE_LIMIT)
    long = _paste("We need Python and SQL. ", INLINE_PARSE_LIMIT + 1)

    assert await parses(short) == parse_posting(short)
    assert runner.texts == []
    assert await parses(long) == parse_posting(long)
    assert runner.texts == [long]


@pytest.mark.parametrize("unit", SLOW_SHAPES)
def test_no_paste_short_enough_for_the_event_loop_takes_long(unit: str) -> None:
    # Each takes 10-40 ms; the bound only catches a shape that grew slow again.
    parse_posting("warm up: Python")
    with stopwatch() as took:
        parse_posting(_paste(unit, INLINE_PARSE_LIMIT))
    assert took.seconds < 0.4


@pytest.mark.parametrize("unit", SLOW_SHAPES[:4])
def test_a_long_list_of_field_words_parses_in_linear_time(unit: str) -> None:
    # Each field word read the rest of its line twice (for years before it, for a role word after
    # the list it opens): 32,000 characters of "accounting, " took 5.7 s, 50,000 over 10 s.
    parse_posting("warm up: Python")
    with stopwatch() as took:
        parse_posting(_paste(unit, 49_900))
    assert took.seconds < 2.0


@pytest.mark.parametrize("unit", ["Stack: Go, ", "Tools: R, "])
def test_a_long_line_of_ambiguous_skill_names_parses_in_linear_time(unit: str) -> None:
    # Each "Go" or "R" looked for "with", "in" or ":" before it by searching its whole line
    # before it: 49,900 characters took 8-15 s.
    parse_posting("warm up: Python")
    with stopwatch() as took:
        parse_posting(_paste(unit, 49_900))
    assert took.seconds < 2.0


@pytest.mark.parametrize("unit", ["German, ", "English, German, ", "English "])
def test_a_long_line_of_spoken_languages_parses_in_linear_time(unit: str) -> None:
    # Each language searched its whole line before it for a school subject and a verb, and each
    # English every language on its line and the line for "bilingual": 49,900 characters took
    # 5-10 s.
    parse_posting("warm up: Python")
    with stopwatch() as took:
        parse_posting(_paste(unit, 49_900))
    assert took.seconds < 2.0


def test_languages_still_read_as_asked_or_in_passing() -> None:
    asked = parse_posting("Requirements:\n- Bilingual in English and Spanish\n- Fluent German\n")
    assert set(asked.required_skills) >= {"Spanish", "German"}
    assert "English" not in asked.required_skills
    passing = parse_posting(
        "Requirements:\n- Teach GCSE English and Maths\n- The vendor is Dutch\n"
    )
    assert not {"English", "Dutch"} & set(passing.skills)


def test_a_long_hyphenated_run_is_read_for_a_district_in_linear_time() -> None:
    # Each hyphen cut the run into a head and a tail and looked both up as towns: 49,900
    # characters of "A-" took 1.1 s (a district_town call alone, quadratic).
    name = _paste("Ab-", 49_900)
    with stopwatch() as took:
        assert gazetteer.district_town(name) is None
    assert took.seconds < 0.2
    assert gazetteer.district_town("Hamburg-Altona") == "Hamburg"


@pytest.mark.parametrize(
    "unit",
    ["Engineer bei Acme speichern ", "Save Engineer at Acme at ", "Job Application for X at "],
)
def test_a_long_line_of_save_button_words_is_read_in_linear_time(unit: str) -> None:
    # The board's "Save <title> at <company>" pattern tried each " at " / " bei " against the
    # rest of the line: 49,900 characters of "Engineer bei Acme speichern " took 0.67 s.
    line = _paste(unit, 49_900)
    with stopwatch() as took:
        assert furniture._save_line(line) is None
    assert took.seconds < 0.05
    save = furniture._save_line("Welder bei Acme GmbH speichern")
    assert save is not None
    assert (save.group("titel"), save.group("firma")) == ("Welder", "Acme GmbH")


def test_a_title_named_in_thousands_of_list_items_parses_in_linear_time() -> None:
    # Each place the title is named was looked for in every list item: 0.8 s at 49,900.
    paste = ("Nurse\nRequirements:\n" + _paste("- Nurse\n", 49_880))[:49_900]
    parse_posting("warm up: Python")
    with stopwatch() as took:
        assert parse_posting(paste).title == "Nurse"
    assert took.seconds < 0.4


def test_an_ambiguous_skill_name_still_needs_evidence_before_it() -> None:
    parsed = parse_posting(
        "Requirements:\n- Experience with Go and Kubernetes\n- You will go to clients\n"
        "- Stack: R\n- Fluent in C\n"
    )
    assert {"Go", "R", "C"} <= set(parsed.required_skills)
    assert parse_posting("Requirements:\n- Be ready to go the extra mile\n").skills == ()


UNCLOSED_TAGS = (
    "<footer>",
    "<head>",
    "<!--",
    "<script>",
    "<nav>",
    '<script type="application/ld+json">',
    '<a class="cta">',
)


@pytest.mark.parametrize(
    "paste",
    [
        *(_paste(tag, 49_900) for tag in UNCLOSED_TAGS),
        "<footer>" + _paste("<address>", 49_880) + "</footer>",
    ],
)
def test_a_paste_of_unclosed_tags_parses_in_linear_time(paste: str) -> None:
    # Each opening tag was read on to the end of the text for its closing tag: 49,900
    # characters took 0.5-3.7 s each.
    parse_posting("warm up: Python")
    with stopwatch() as took:
        parse_posting(paste)
    assert took.seconds < 0.5


def test_field_words_still_read_as_past_experience_or_a_role() -> None:
    parsed = parse_posting(
        "Requirements:\n"
        "- 2+ years in a SOC, security operations or help desk role\n"
        "- 3 years of accounting experience\n"
        "- Experience with Splunk\n"
    )
    assert "Splunk" in parsed.required_skills
    assert "Accounting" not in parsed.required_skills


def test_field_words_with_no_years_before_them_are_not_searched_for_years(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "ML ML ...": each "ML" searched the 300 characters before it for "5 years of" (66 ms at
    # 4,000 characters, 0.8 s at 49,900).
    searched: list[int] = []
    years_before = skill_fields._YEARS_BEFORE

    class _Counted:
        def search(self, text: str, start: int, end: int) -> re.Match[str] | None:
            searched.append(start)
            return years_before.search(text, start, end)

    monkeypatch.setattr(skill_fields, "_YEARS_BEFORE", _Counted())
    parse_posting(_paste("ML ", INLINE_PARSE_LIMIT))
    assert searched == []
    parse_posting("Requirements:\n- 3 years of accounting experience\n")
    assert searched


def test_pay_is_read_from_the_first_figures_of_a_paste_of_thousands(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read: list[int] = []
    money = salary._money

    def counted(text: str, found: object) -> object:
        read.append(1)
        return money(text, found)  # type: ignore[arg-type]

    monkeypatch.setattr(salary, "_money", counted)
    found = salary.find_salary("Salary: $50,000 - $60,000 per year\n" + _paste("$1-$2k ", 49_000))

    assert len(read) == salary._MAX_AMOUNTS
    assert found is not None
    assert (found.min, found.max, found.period) == (50_000, 60_000, "year")
