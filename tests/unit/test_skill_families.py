"""Whole families of occupational skills, as postings write them, resolve to canonical names."""

from __future__ import annotations

import pytest

from resumecore.postings import parse_posting

CASES = [
    ("Perform HPLC and UPLC assays; record results in LIMS", {"HPLC", "UPLC", "LIMS"}),
    ("Global hair colour, highlights and balayage; blow-dry", {"Hair Colouring", "Balayage"}),
    ("Milking (rotary), teat spraying and calf rearing", {"Milking", "Calf Rearing"}),
    ("Tube and fitting scaffolding to TG20:21", {"Scaffolding", "Scaffolding Standards"}),
    ("Chlorine residual and turbidity analyses", {"Water Disinfection", "Water Quality Testing"}),
    ("Refraction, tonometry and slit lamp examination", {"Refraction", "Tonometry"}),
    ("Intrapartum care including CTG interpretation", {"Intrapartum Care", "CTG Interpretation"}),
    ("Run quarterly business reviews in Gainsight", {"Quarterly Business Reviews"}),
    ("Erstellen von Steuererklärungen mit ZHprivateTax", {"Tax Preparation"}),
]


@pytest.mark.parametrize(("duty", "expected"), CASES)
def test_a_family_skill_is_found_in_a_duty(duty: str, expected: set[str]) -> None:
    skills = set(parse_posting(f"Technician\nAcme\n\nResponsibilities\n- {duty}\n").skills)
    assert expected <= skills, skills


def test_a_family_alias_does_not_take_ordinary_words() -> None:
    skills = set(
        parse_posting(
            "Analyst\nAcme\n\nRequirements\n- Work side by side with the team\n"
            "- The app is 100% Swift\n- Fluency in Spanish\n"
        ).skills
    )
    assert not {"ATV Operation", "Incident Command System", "Fluency Disorders"} & skills


def test_two_applications_of_one_office_suite_vouch_for_each_other() -> None:
    skills = parse_posting("Requirements\n- Confident with MS Office, especially Word and Excel\n")
    assert {"Microsoft Word", "Microsoft Excel"} <= set(skills.skills)
    assert parse_posting("Notes\nA word to the wise: excel at it.\n").skills == ()
