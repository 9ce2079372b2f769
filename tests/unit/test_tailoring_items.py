"""The scorable items of a profile: one item per id, even for a name listed twice."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from resumecore.ids import ProfileId, UserId
from resumecore.model.job import Job
from resumecore.model.job_factory import new_job
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile
from resumecore.model.ranking import rank
from resumecore.tailoring import match_report, score_profile, select_for_resume
from resumecore.tailoring.items import profile_items, skill_id

AT = datetime(2026, 1, 1, tzinfo=UTC)


def twice_listed() -> Profile:
    counter = itertools.count(1)
    content = {
        "personal_info": {"full_name": "Ada"},
        "skills": {
            "technical": ["Python", "SQL"],
            "soft": ["Python", "English", "Mentoring"],
            "languages": [{"name": "English", "proficiency": "native"}],
        },
        "experiences": [
            {"title": "Engineer", "company": "Acme", "start_date": "2020-01",
             "achievements": ["Built Python services"]},
        ],
    }  # fmt: skip
    return new_profile(
        ProfileId("p"), UserId("u"), content, is_primary=True,
        new_id=lambda: f"i{next(counter)}", at=AT,
    )  # fmt: skip


def python_job() -> Job:
    text = "Backend Engineer at Acme\n\nRequirements:\n- Python and SQL\n- Mentoring juniors\n"
    return new_job("j", UserId("u"), {"raw_text": text}, at=AT)


def test_a_name_in_two_skill_lists_is_one_item() -> None:
    skills = [item for item in profile_items(twice_listed(), now=0) if item.kind == "skill"]
    assert [item.item_id for item in skills] == [
        skill_id("Python"), skill_id("SQL"), skill_id("English"), skill_id("Mentoring")
    ]  # fmt: skip


def test_ranked_ids_are_unique_and_both_lists_keep_the_skill() -> None:
    profile, job = twice_listed(), python_job()
    scores = score_profile(profile, job)
    ids = [s.item_id for s in scores]
    assert len(ids) == len(set(ids))
    ranking = rank("r", UserId("u"), "j", "p", 1, scores, score_version="v", at=AT)
    assert len({i.id for i in ranking.items}) == len(ranking.items)
    assert skill_id("Python") in {i.id for i in ranking.items}
    plan = select_for_resume(profile, job)
    assert "Python" in plan.technical_skills
    assert "Python" in plan.soft_skills
    assert "Python" in match_report(profile, job).matched_skills
