"""Pay written the ways other countries write it: codes after the figure, floors, separators."""

from __future__ import annotations

from resumecore.postings.salary import find_salary


def _pay(text: str) -> tuple[float | None, float | None, str | None, str | None]:
    found = find_salary(text)
    assert found is not None
    return found.min, found.max, found.currency, found.period


def test_a_code_after_a_dollar_range_names_the_currency() -> None:
    assert _pay("Sueldo mensual $18,000 \u2013 $22,000 MXN brutos") == (
        18000,
        22000,
        "MXN",
        "month",
    )


def test_a_gulf_currency_code() -> None:
    assert _pay("- AED 28,000 - 32,000 per month, all-inclusive") == (28000, 32000, "AED", "month")


def test_swiss_thousands_with_an_apostrophe() -> None:
    assert _pay("CHF 85\u2019000/Jahr - CHF 105\u2019000/Jahr") == (85000, 105000, "CHF", "year")


def test_a_dutch_range_between_two_figures() -> None:
    assert _pay("Salaris tussen \u20ac 3.300 en \u20ac 3.900 bruto per maand") == (
        3300,
        3900,
        "EUR",
        "month",
    )


def test_a_minimum_salary_has_no_ceiling() -> None:
    assert _pay("Das Mindestgehalt beträgt \u20ac 2.640,00 brutto pro Monat") == (
        2640,
        None,
        "EUR",
        "month",
    )


def test_a_bare_dollar_in_new_zealand() -> None:
    assert _pay("Ngatea dairy farm, NZ.\nPay: $29.50 per hour gross.") == (
        29.5,
        29.5,
        "NZD",
        "hour",
    )
