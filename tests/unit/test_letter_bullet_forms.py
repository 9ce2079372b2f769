"""How the cover letter quotes a bullet, judged by its first words (``bullet_form``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from resumecore import build_profile, generate_cover_letter, parse_posting
from resumecore.generation.bullet_forms import bullet_form

AT = datetime(2026, 12, 3, tzinfo=UTC)


@pytest.mark.parametrize(
    ("bullet", "form"),
    [
        ("Qualified as ACA in 2019 while on the training contract", "past"),
        ("Qualified for the national final of the Maths Olympiad", "past"),
        ("Registered as a nurse with the NMC in 2015", "past"),
        ("Qualified nurse with ten years on surgical wards", "other"),
        ("Registered Dental Hygienist since 2016", "other"),
        ("Certified in CPR", "other"),
    ],
)
def test_a_participle_is_a_verb_only_before_as_or_for(bullet: str, form: str) -> None:
    assert bullet_form(bullet) == form


@pytest.mark.parametrize(
    ("bullet", "form"),
    [
        ("Recognized as Associate of the Month twice in 2020", "passive"),
        ("Promoted to shift lead after 8 months", "passive"),
        ("Selected for the 2024 regional leadership programme", "passive"),
        ("Named Employee of the Year 2022", "passive"),
        ("Appointed Head of Mathematics in 2021", "passive"),
        ("Promoted products to 40 independent pharmacies", "past"),
        ("Selected and onboarded 12 new carriers", "past"),
        ("Awarded contracts to 3 regional hauliers", "past"),
    ],
)
def test_a_passive_bullet_is_told_apart_from_an_active_one(bullet: str, form: str) -> None:
    assert bullet_form(bullet) == form


def test_a_qualification_bullet_is_told_in_the_first_person_not_pasted_after_a_colon() -> None:
    profile = build_profile(
        {
            "personal_info": {"full_name": "Nguyễn Thị Hương"},
            "experiences": [
                {
                    "title": "Audit Senior",
                    "company": "Grant Thornton UK LLP",
                    "start_date": "2016-09",
                    "end_date": "2022-02",
                    "achievements": [
                        "Qualified as ACA in 2019 while on the training contract",
                        "Led audits of owner-managed businesses with turnover of £5m to £80m",
                    ],
                }
            ],
        },
        at=AT,
    )
    job = parse_posting(
        "Head of FP&A\nMonzo Bank\n\nYou have:\n- Qualified accountant (ACA/ACCA/CIMA)\n", at=AT
    )
    text = generate_cover_letter(profile, job).text
    assert "I qualified as ACA in 2019 while on the training contract." in text
    assert ": Qualified as ACA" not in text


def test_a_passive_bullet_reads_i_was_in_the_letter() -> None:
    profile = build_profile(
        {
            "personal_info": {"full_name": "José Ñúñez"},
            "skills": {"technical": ["Forklift operation"]},
            "experiences": [
                {
                    "title": "Forklift Operator",
                    "company": "Amazon Fulfillment Center AUS2",
                    "start_date": "2018-03",
                    "end_date": "2021-05",
                    "achievements": [
                        "Moved an average of 180 pallets per shift in receiving and put-away",
                        "Recognized as Associate of the Month twice in 2020",
                        "Promoted to forklift trainer for the receiving team",
                    ],
                }
            ],
        },
        at=AT,
    )
    job = parse_posting(
        "Logistics Coordinator\nSysco Central Texas\n\nRequirements:\n"
        "- Forklift certification\n- Receiving and put-away experience\n",
        at=AT,
    )
    text = generate_cover_letter(profile, job, tone="enthusiastic").text
    assert "In addition, I was recognized as Associate of the Month twice in 2020." in text
    assert "I was also promoted to forklift trainer for the receiving team." in text
    assert "I recognized as" not in text
    assert "I promoted to" not in text


@pytest.mark.parametrize(
    "bullet",
    [
        "See 8 to 9 periodontal patients a day for scaling and root planing",
        "Take and evaluate full-mouth radiographs for the periodontist",
        "Perform periodontal charting at every recall visit",
        "Conduct weekly safety walks of the dock",
    ],
)
def test_common_present_tense_openings_are_verbs(bullet: str) -> None:
    assert bullet_form(bullet) == "base"


def test_a_current_role_bullet_in_the_present_reads_i_see_not_a_pasted_line() -> None:
    profile = build_profile(
        {
            "personal_info": {"full_name": "Zoë Müller-Øster"},
            "experiences": [
                {
                    "title": "Registered Dental Hygienist",
                    "company": "Pearl District Periodontics",
                    "start_date": "2020-09",
                    "is_current": True,
                    "achievements": [
                        "See 8 to 9 periodontal patients a day for scaling and root planing"
                    ],
                }
            ],
        },
        at=AT,
    )
    job = parse_posting(
        "Clinical Education Specialist\nPhilips Oral Healthcare\n\nWhat you bring\n"
        "- RDH license required\n- Public speaking experience\n",
        at=AT,
    )
    text = generate_cover_letter(profile, job).text
    assert "I see 8 to 9 periodontal patients a day for scaling and root planing." in text
    assert "my work included this: See" not in text
