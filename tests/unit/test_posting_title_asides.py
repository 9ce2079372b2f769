"""A schedule or gender mark after a title leaves it; terse work-mode and hours words are read."""

from __future__ import annotations

import pytest

from resumecore.postings import parse_posting


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Warehouse Associate \u2013 Night Shift", "Warehouse Associate"),
        ("CDL-A Regional Truck Driver - Home Weekly", "CDL-A Regional Truck Driver"),
        ("Data Analyst (H/F)", "Data Analyst"),
        (
            "Registered Nurse - Medical/Surgical Unit (Nights)",
            "Registered Nurse - Medical/Surgical Unit",
        ),
    ],
)
def test_the_title_keeps_the_role_not_its_schedule(first_line: str, title: str) -> None:
    parsed = parse_posting(f"{first_line}\nHarbor Logistics\nMemphis, TN\n\nWe are hiring.")
    assert parsed.title == title
    assert parsed.company == "Harbor Logistics"


@pytest.mark.parametrize(
    ("line", "remote", "employment_type"),
    [
        ("Work from office, Monday to Friday.", "onsite", None),
        ("Schedule: PT, 24 hrs/wk", None, "part_time"),
        ("Type: FT", None, "full_time"),
        ("Contract Permanent, part-time", None, "part_time"),
    ],
)
def test_terse_terms(line: str, remote: str | None, employment_type: str | None) -> None:
    parsed = parse_posting(f"Dental Assistant\nBright Smile Dental\nTucson, AZ\n{line}\n")
    assert parsed.remote == remote
    assert parsed.employment_type == employment_type
