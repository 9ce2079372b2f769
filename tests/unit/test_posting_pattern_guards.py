"""The look-ahead that opens a hot posting pattern only skips positions where no match starts.

Each guarded pattern must find exactly what it finds without its guard (same spans, same
groups), in any case, in the texts each of its alternatives is written for.
The whitespace patterns of the normaliser skip only runs that are already as they should be.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumecore.postings import normalize, salary, skill_scope, terms

GUARD = re.compile(r"^\(\?=\[[^\]]+\]\)")

SAMPLES = (
    "Job type: Full-time, permanent. Schedule: PT, 24 hrs/wk",
    "FT, 4-5 nights\nPT\nhours: FT (rotating)\nstatus : PT/weekends",
    "Internship (Praktikum), stage de 6 mois, prácticas en verano; intern wanted",
    "Temporary or seasonal, fixed-term maternity cover, befristet, CDD, temp to perm, temp.",
    "Casual to start. Job type: Casual\ncasual\nbusiness casual dress",
    "Permanent contract; employment contract; contract: 12 months; contract law; 6 month "
    "contract; main contractor, a contractor, freelance, freelancer, contract-to-hire, "
    "day rate, inside IR35, Outside ir35",
    "Part time, part-time, parttime, Teilzeit, temps partiel, media jornada, mi-temps",
    "Full time, full-time, Vollzeit, temps plein, jornada completa, tiempo completo",
    "Vaste baan, vast dienstverband, voltijd, CDI, unbefristet, indefinido, apprenticeship",
    "Salary: £40,000 - £50,000 per annum, US$95k, CAD $48,000, AUD 120000, NZ$90k",
    "R28 000 per month, R$ 5.000, ZAR 300 000, ₹12 LPA, 3L, 1,00,000, 45 000 €, 5k€",
    "\u00a0\u202f60.000 EUR, 25.50 per hour, ¥4,000,000, CHF 110'000, 2\u202f500 kr",
    "a degree in Computer Science, Maths or",
    "Bachelor's degree in nursing and",
    "BSc in Physics /",
    "B.Sc. in Chemistry",
    "MSc in",
    "PhD in Biology",
    "Ph.D in",
    "majoring in Finance",
    "diploma in",
    "Master's in Data Science or Statistics",
)


def _guarded() -> list[tuple[str, re.Pattern[str]]]:
    kinds = [*terms._STRONG_EMPLOYMENT, *terms._WEAK_EMPLOYMENT]
    patterns = [(kind, guarded.pattern) for kind, guarded in kinds]
    found = [(f"employment {kind}", p) for kind, p in patterns if GUARD.match(p.pattern)]
    return [
        *found,
        ("salary amount", salary._AMOUNT),
        ("degree before", skill_scope._DEGREE_BEFORE),
    ]


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(GUARD.sub("", pattern.pattern), pattern.flags)


@pytest.mark.parametrize(("name", "pattern"), _guarded(), ids=lambda v: str(v)[:30])
def test_a_guard_changes_no_match(name: str, pattern: re.Pattern[str]) -> None:
    plain = _unguarded(pattern)
    assert plain.pattern != pattern.pattern, name
    for sample in SAMPLES:
        for text in (sample, sample.upper(), sample.lower(), sample.title()):
            expected = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in pattern.finditer(text)] == expected


@given(st.text(alphabet=" \n\t\r\x0b\u00a0\u2003\u202fxy", max_size=16))
def test_the_space_patterns_give_the_plain_result(text: str) -> None:
    # They skip the runs that are already right; the result must be what replacing every
    # run gives.
    assert normalize._HSPACE.sub(" ", text) == re.sub(r"[^\S\n]+", " ", text)
    assert normalize._EDGE_SPACE.sub("\n", text) == re.sub(r"[^\S\n]*\n[^\S\n]*", "\n", text)
