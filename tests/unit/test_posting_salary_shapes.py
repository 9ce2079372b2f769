"""Base pay in the shapes postings write it: codes before "$", lakhs, post-fixed dollars, OTE."""

from __future__ import annotations

import pytest

from resumecore.postings.salary import find_salary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CAD $48,000-$55,000/yr", (48000, 55000, "CAD", "year")),
        ("CTC: 18-24 LPA", (1800000, 2400000, "INR", "year")),
        ("Montréal, QC\n17,50 $ de l'heure + pourboires", (17.5, 17.5, "CAD", "hour")),
        ("Basic salary £28,000 with OTE of £45,000", (28000, 28000, "GBP", "year")),
        ("Hourly rate: $24.50", (24.5, 24.5, "USD", "hour")),
        ("Weekly pay: $1,250", (1250, 1250, "USD", "week")),
    ],
)
def test_base_pay_shapes(text: str, expected: tuple[float, float, str, str]) -> None:
    salary = find_salary(text)
    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.period) == expected


def test_per_mile_and_sign_on_figures_are_not_base_pay() -> None:
    text = "* $0.62 - $0.68 per mile\n* $5,000 sign-on bonus\n* Average weekly earnings $1,400+"
    assert find_salary(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Pay: 64-72 cents per mile + $25 per tarp + $75 extra stop",
        "Avg weekly gross around $1,600 (top drivers more)",
        "Pay: $0.40 per piece",
    ],
)
def test_piece_rates_add_ons_and_averages_are_not_base_pay(text: str) -> None:
    assert find_salary(text) is None


def test_a_bonus_in_the_next_sentence_leaves_the_range() -> None:
    salary = find_salary("The salary range is $92,000 - $112,000. Plus an annual bonus of 8%.")
    assert salary is not None
    assert (salary.min, salary.max) == (92000, 112000)


def test_the_dollar_country_may_come_from_the_whole_posting() -> None:
    salary = find_salary("Pay: $17.75 - $18.50 per hour", "locations\nOttawa, ON\n")
    assert salary is not None
    assert salary.currency == "CAD"


def test_an_austrian_dash_after_the_figure_keeps_the_period() -> None:
    salary = find_salary("Gehalt: € 2.913,- brutto monatlich auf Vollzeitbasis")
    assert salary is not None
    assert (salary.min, salary.currency, salary.period) == (2913, "EUR", "month")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OTE $90,000 ($50,000 base + commission)", (50000, 50000, "USD", "year")),
        ("Lön: 38 000 - 42 000 SEK per månad", (38000, 42000, "SEK", "month")),
    ],
)
def test_base_inside_an_ote_line_and_swedish_pay(
    text: str, expected: tuple[float, float, str, str]
) -> None:
    salary = find_salary(text)
    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.period) == expected


def test_a_postcode_before_the_pay_line_is_not_money() -> None:
    salary = find_salary("Willowbrook Care Home, Norwich NR3\n£12.60 per hour")
    assert salary is not None
    assert (salary.min, salary.period) == (12.6, "hour")


def test_us_named_beside_canada_keeps_the_dollar_american() -> None:
    salary = find_salary("Backend Engineer | Remote (US/Canada) | $160k-$200k")
    assert salary is not None
    assert salary.currency == "USD"


def test_a_canadian_province_makes_the_dollar_canadian() -> None:
    salary = find_salary("Where: Guelph, Ontario\nWage: $19.50 to $22.00 per hour")
    assert salary is not None
    assert salary.currency == "CAD"


def test_a_bonus_in_the_sentence_before_and_lakhs_written_out() -> None:
    after_bonus = find_salary("$5,000 sign-on bonus! Pay $19-$21/hr")
    assert after_bonus is not None
    assert (after_bonus.min, after_bonus.max, after_bonus.period) == (19, 21, "hour")
    lakhs = find_salary("Salary: INR 6-9 Lakhs per annum")
    assert lakhs is not None
    assert (lakhs.min, lakhs.max, lakhs.currency) == (600000, 900000, "INR")


def test_pro_rata_is_not_a_rate_per_thing() -> None:
    salary = find_salary("£22,000 - £24,000 pro rata\nTerm time only")
    assert salary is not None
    assert (salary.min, salary.max, salary.period) == (22000, 24000, "year")


def test_brutto_im_monat_is_monthly() -> None:
    salary = find_salary("Gehalt: 3.400 € - 3.900 € brutto im Monat")
    assert salary is not None
    assert (salary.min, salary.max, salary.period) == (3400, 3900, "month")


def test_words_before_an_earlier_figure_belong_to_it() -> None:
    salary = find_salary("Tips average $10/hr on top of $15/hr base")
    assert salary is not None
    assert (salary.min, salary.period) == (15, "hour")


def test_rupee_lakhs_written_as_l() -> None:
    salary = find_salary("₹25L - ₹35L per year")
    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.period) == (
        2500000,
        3500000,
        "INR",
        "year",
    )
    assert find_salary("Bins: 25L each") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salaris: € 3.300 - € 4.800 bruto per maand", (3300, 4800, "EUR", "month")),
        ("RAL: 24.000 - 27.000 €", (24000, 27000, "EUR", "year")),
    ],
)
def test_dutch_and_italian_pay(text: str, expected: tuple[float, float, str, str]) -> None:
    salary = find_salary(text)
    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.period) == expected


def test_polish_monthly_pay() -> None:
    salary = find_salary("Wynagrodzenie: 9 000 - 11 000 PLN brutto miesięcznie")
    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.period) == (9000, 11000, "PLN", "month")


def test_a_figure_reads_its_line_only_near_it() -> None:
    # A posting pasted as one long line: each figure reads 200 characters either side, not the
    # whole line (50,000 characters of figures took minutes). Speed itself is make eval's.
    near = find_salary("Salary: 45,000 for the year")
    far = find_salary("Salary: " + "word " * 60 + "45,000 for the year")
    assert near is not None
    assert (near.min, far) == (45000, None)
