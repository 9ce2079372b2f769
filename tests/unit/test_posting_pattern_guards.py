"""The look-ahead that opens a hot posting pattern only skips positions where no match starts.

Each guarded pattern must find exactly what it finds without its guard (same spans, same
groups), in any case, in the texts each of its alternatives is written for.
"""

from __future__ import annotations

import re

import pytest

from resumecore.postings import salary, terms

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
)


def _guarded() -> list[tuple[str, re.Pattern[str]]]:
    kinds = [*terms._STRONG_EMPLOYMENT, *terms._WEAK_EMPLOYMENT]
    found = [(f"employment {kind}", p) for kind, p in kinds if GUARD.match(p.pattern)]
    return [*found, ("salary amount", salary._AMOUNT)]


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
