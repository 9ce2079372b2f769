"""``resumecore tailor PROFILE.json POSTING.txt``: the offline path, no database, no settings.

Prints the match report and the tailored plan (text, or ``--json``); ``--json-resume-out``
writes the tailored resume as JSON Resume. PROFILE.json is our profile JSON (it has
``personal_info``) or a JSON Resume document (``basics``, ``work``, ...).
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import Any

import msgspec

from resumecore import (
    InvalidValue,
    Job,
    Profile,
    build_profile,
    from_json_resume,
    generate_resume,
    match,
    parse_posting,
    tailor,
    to_json_resume,
)
from resumecore.jsonresume.shape import SHAPES
from resumecore.model.profile_revision import REVISABLE
from resumecore.tailoring import MatchReport, ResumePlan
from resumecore.tailoring.items import achievement_id, skill_id
from resumecore.tailoring.report import Evidence

INPUT_ERROR = 2
JSON_RESUME_SECTIONS = frozenset(part for part in SHAPES if "." not in part)
# The parts only our profile has (``skills``, ``education``, ``projects``: both have them).
OUR_PROFILE_ONLY = REVISABLE - JSON_RESUME_SECTIONS


def run_tailor(
    profile_path: str, posting_path: str, *, as_json: bool, json_resume_out: str | None
) -> int:
    """Run the command; returns the exit code (2 for unreadable or invalid input)."""
    try:
        profile = read_profile(profile_path)
    except InputError as exc:
        return _refuse(str(exc))
    except InvalidValue as exc:
        fields = "; ".join(f"{e.field or e.code}: {e.message}" for e in exc.errors[:10])
        return _refuse(f"{profile_path}: {exc.message}{' (' + fields + ')' if fields else ''}")
    try:
        job = parse_posting(read_text(posting_path), job_id="posting")
    except InputError as exc:
        return _refuse(str(exc))
    except InvalidValue as exc:  # the only rule a non-blank text can break: its length
        return _refuse(f"{posting_path}: {exc.message}")
    report, plan = match(profile, job), tailor(profile, job)
    if json_resume_out:
        document = to_json_resume(profile, shown_in=generate_resume(profile, job))
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        try:
            Path(json_resume_out).write_text(text, encoding="utf-8")
        except OSError as exc:
            return _refuse(f"cannot write {json_resume_out}: {exc}")
    if as_json:
        body = {"posting": _posting(job), "match": report, "plan": plan}
        sys.stdout.write(msgspec.json.format(msgspec.json.encode(body)).decode() + "\n")
    else:
        sys.stdout.write(describe(profile, job, report, plan))
    return 0


class InputError(Exception):
    """An input file that cannot be read as the command needs it; the message names the file."""


def read_text(path: str) -> str:
    """The UTF-8 text of ``path``, not blank.

    Raises:
        InputError: the file is missing, unreadable, not UTF-8 or blank.
    """
    try:
        # utf-8-sig: files saved by Windows tools often start with a byte order mark.
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read input {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})"
        raise InputError(f"cannot read input {path}: {reason}") from None
    if not text.strip():
        raise InputError(f"cannot read input {path}: the file is empty")
    return text


def read_profile(path: str) -> Profile:
    """Our profile JSON (``personal_info``, ``experiences``, ...) or a JSON Resume document.

    Raises:
        InputError: the file cannot be read, is not JSON, or is neither kind of document.
        InvalidValue: the document breaks the profile's rules.
    """
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(f"cannot read input {path}: not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise InvalidValue("The profile file must hold a JSON object.", code="invalid_document")
    # Readable, stable ids: the output names items by them.
    counter = itertools.count(1)
    ids: dict[str, Any] = {"profile_id": "profile", "new_id": lambda: f"item-{next(counter)}"}
    # Skills as an object ({"technical": [...]}) are ours; JSON Resume's are a list.
    if data.keys() & OUR_PROFILE_ONLY or isinstance(data.get("skills"), dict):
        return build_profile(data, **ids)
    if data.keys() & JSON_RESUME_SECTIONS:
        return from_json_resume(data, **ids)
    # Read as an empty JSON Resume, any other object would tailor an empty profile.
    raise InputError(
        f"{path} is neither a profile (with personal_info) nor a JSON Resume document "
        f"(with basics, work, ...); its keys: {', '.join(sorted(data)[:10]) or 'none'}"
    )


def describe(profile: Profile, job: Job, report: MatchReport, plan: ResumePlan) -> str:
    """The report and the plan as text a person reads."""
    names = _labels(profile)
    out = [f"{job.title}{' · ' + job.company if job.company else ''}"]
    out += [f"Match: {report.score:g}/100", "", "Requirements"]
    for requirement in report.requirements:
        kind = "" if requirement.kind == "required" else " (nice to have)"
        out.append(f"  {requirement.status:<8} {requirement.text}{kind}")
        out += [f"           ← {_evidence(names, e)}" for e in requirement.evidence[:2]]
    out.append(f"Matched skills: {', '.join(report.matched_skills) or '-'}")
    out += [f"Missing skills: {', '.join(report.missing_skills) or '-'}", "", "Tailored plan"]
    for n, experience in enumerate(plan.experiences, 1):
        out.append(f"  {n}. {names[experience.experience_id]} (relevance {experience.score:g})")
        out += [f"     - {bullet}" for bullet in experience.bullets]
    for title, shown in (
        ("Projects", [names[i] for i in plan.project_ids]),
        ("Technical skills", list(plan.technical_skills)),
        ("Soft skills", list(plan.soft_skills)),
        ("Certifications", [names[i] for i in plan.certification_ids]),
        ("Education", [names[i] for i in plan.education_ids]),
    ):
        if shown:
            out.append(f"  {title}: {', '.join(shown)}")
    return "\n".join(out) + "\n"


def _evidence(names: dict[str, str], evidence: Evidence) -> str:
    label = names.get(evidence.item_id, evidence.span)
    if evidence.span in label:
        return label
    span = evidence.span if len(evidence.span) <= 80 else evidence.span[:79] + "…"
    return f'{label}: "{span}"'


def _labels(profile: Profile) -> dict[str, str]:
    labels = {e.id: f"{e.title} · {e.company}" for e in profile.experiences}
    labels |= {
        achievement_id(e.id, i): text
        for e in profile.experiences
        for i, text in enumerate(e.achievements)
    }
    labels |= {p.id: p.name for p in profile.projects}
    labels |= {c.id: c.name for c in profile.skills.certifications}
    labels |= {e.id: f"{e.degree} · {e.institution}" for e in profile.education}
    skills = profile.skills
    names = [*skills.technical, *skills.soft, *(lang.name for lang in skills.languages)]
    return labels | {skill_id(name): name for name in names}


def _posting(job: Job) -> dict[str, Any]:
    return {
        "title": job.title,
        "company": job.company,
        "location": job.location,
        "required_skills": job.required_skills,
        "preferred_skills": job.preferred_skills,
    }


def _refuse(reason: str) -> int:
    print(f"resumecore tailor: {reason}", file=sys.stderr)
    return INPUT_ERROR
