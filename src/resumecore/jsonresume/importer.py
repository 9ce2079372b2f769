"""JSON Resume document -> profile content for ``new_profile``; never raises for valid ones.

The mapping and what happens to values that do not fit are documented in the package
docstring (``resumecore.jsonresume``).
"""

from __future__ import annotations

import math
import re
from typing import Any

import msgspec

from resumecore.errors import InvalidValue
from resumecore.jsonresume.export import build_document, core_item, fingerprint
from resumecore.jsonresume.mapping import (
    FIELDS,
    META_KEY,
    NETWORKS,
    RESERVED,
    SOFT,
    SOURCE,
    Entry,
    Patch,
    Residue,
    SkillGroup,
)
from resumecore.jsonresume.shape import PROFILES, shape_problems
from resumecore.model import rules
from resumecore.model.dates import is_partial_date, not_after
from resumecore.model.email import MAX_EMAIL_LENGTH
from resumecore.model.profile_parts import custom_field_problems
from resumecore.model.rules import has_control_characters

PLACEHOLDER_NAME = "(no name)"
LIMITS = {"work": 200, "education": 100, "projects": 200, "certificates": 200, "languages": 50}
REQUIRED = {
    "work": ("company", "title", "start_date"),
    "education": ("institution", "degree"),
    "projects": ("name",),
    "certificates": ("name",),
    "languages": ("name",),
    PROFILES: ("field", "url"),
}
FLUENCY_WORDS = {
    "native": "native",
    "fluent": "fluent",
    "conversational": "conversational",
    "intermediate": "conversational",
    "basic": "basic",
    "beginner": "basic",
    "elementary": "basic",
}
EMPTY_PATHS = ("basics", PROFILES, *SOURCE, "skills")
NOTED = ("work", "education", "projects", "certificates")


def from_json_resume(document: dict[str, Any]) -> dict[str, Any]:
    """Map a JSON Resume document to profile content for ``new_profile``.

    Args:
        document: a parsed JSON Resume 1.x document.

    Returns:
        Content with personal_info, professional_summary, skills, experiences, education,
        projects and custom_fields; what the model cannot hold is in
        ``custom_fields["jsonresume"]``.

    Raises:
        InvalidValue: the document breaks the schema's types or date pattern; each error
            names its field path (``work[0].startDate``).
    """
    problems = shape_problems(document)
    if problems:
        raise InvalidValue("This is not a valid JSON Resume document.", errors=problems)
    basics = document.get("basics", {})
    residue = Residue(extra={k: v for k, v in document.items() if k not in EMPTY_PATHS})
    residue.empty = [p for p in EMPTY_PATHS if _at(document, p) in ([], {})]
    meta = dict(document.get("meta", {}))
    ours = _dict(meta.get(META_KEY))
    custom = {k: v for k, v in _dict(ours.get("custom_fields")).items() if k != RESERVED}
    custom = {} if custom_field_problems(custom) else custom
    if META_KEY in meta:
        used = {*NOTED, *(["custom_fields"] if custom else [])}
        left = meta.pop(META_KEY)
        left = {k: v for k, v in left.items() if k not in used} if isinstance(left, dict) else left
        meta |= {} if left == {} else {META_KEY: left}
    # A meta that held only our own key was made by our export, which makes it again.
    if "meta" in document and (meta or META_KEY not in document["meta"]):
        residue.extra["meta"] = meta
    else:
        residue.extra.pop("meta", None)
    location = _dict(basics.get("location"))
    parts = [location.get(key) for key in ("city", "region", "countryCode")]
    place = ", ".join(part for part in parts if isinstance(part, str) and part.strip())
    email = _text(basics.get("email"), MAX_EMAIL_LENGTH)
    info = {
        "full_name": _text(basics.get("name"), 100) or PLACEHOLDER_NAME,
        "email": email if email and "@" in email else None,
        "phone": _text(basics.get("phone"), 50),
        "location": _text(place, 200),
        "website": _url(basics.get("url")),
    }
    models: dict[str, list[dict[str, Any]]] = {}
    entries: dict[str, list[Entry]] = {}
    for section in (PROFILES, *SOURCE):
        notes = ours.get(section)
        notes = notes if isinstance(notes, list) else []
        items = basics.get("profiles", []) if section == PROFILES else document.get(section, [])
        models[section], entries[section] = _items(section, items, notes)
    info |= {profile["field"]: profile["url"] for profile in models[PROFILES]}
    pools, groups = _skills(document.get("skills", []))
    content: dict[str, Any] = {
        "personal_info": info,
        "professional_summary": _text(basics.get("summary"), 5000),
        "skills": {
            **pools,
            "languages": models["languages"],
            "certifications": models["certificates"],
        },
        "experiences": models["work"],
        "education": models["education"],
        "projects": models["projects"],
    }
    # Keep only the residue parts without which the export would differ from the document.
    default = build_document({**content, "custom_fields": {}}, Residue())
    mapped = default.get("basics", {})
    for section, found in entries.items():
        if (_at(default, section) or []) != (_at(document, section) or []):
            residue.lists[section] = found
    if default.get("skills", []) != document.get("skills", []):
        residue.skills = groups
    residue.basics = _patch(
        {k: v for k, v in basics.items() if k != "profiles"},
        {k: v for k, v in mapped.items() if k != "profiles"},
    )
    kept = msgspec.to_builtins(residue)
    content["custom_fields"] = custom | ({RESERVED: kept} if kept else {})
    return content


def _items(
    section: str, items: list[dict[str, Any]], notes: list[Any]
) -> tuple[list[dict[str, Any]], list[Entry]]:
    models: list[dict[str, Any]] = []
    entries = []
    for i, item in enumerate(items):
        note = _dict(notes[i]) if i < len(notes) else {}
        taken = {m.get("field") for m in models}
        model = _model(section, item, note, taken) if len(models) < LIMITS.get(section, 2) else None
        if model is None:
            entries.append(Entry(raw=item))
            continue
        core = core_item(section, model)
        entries.append(Entry(fp=fingerprint(section, core), patch=_patch(item, core)))
        models.append(model)
    return models, entries


def _model(
    section: str, item: dict[str, Any], note: dict[str, Any], taken: set[Any]
) -> dict[str, Any] | None:
    model: dict[str, Any] = {}
    start = None
    for ours, theirs, kind in FIELDS[section]:
        value = item.get(theirs) if theirs else note.get(ours)
        model[ours] = _convert(kind, value, start, taken)
        start = model[ours] if kind == "start" else start
    if not all(model[key] for key in REQUIRED[section]):
        return None
    if section == "work":
        current = note.get("is_current", "endDate" not in item)
        model["is_current"] = current is True and model["end_date"] is None
    return model


def _convert(kind: Any, value: Any, start: str | None, taken: set[Any]) -> Any:
    if isinstance(kind, int):
        return _text(value, kind)
    if isinstance(kind, tuple):
        max_items, limit = kind
        return [v for v in value if _text(v, limit)][:max_items] if isinstance(value, list) else []
    if kind in {"start", "end"}:
        return _date(value, start, is_end=kind == "end")
    word = value.strip().casefold() if isinstance(value, str) else ""
    if kind == "fluency":
        return next((v for k, v in FLUENCY_WORDS.items() if word.startswith(k)), "conversational")
    if kind == "network":
        return word if word in NETWORKS and word not in taken else None
    return _other(kind, value)


def _other(kind: str, value: Any) -> Any:
    if kind == "flag":
        return value is True
    return _gpa(value) if kind == "gpa" else _url(value)


def _gpa(value: Any) -> float | None:
    number = isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)?([eE][-+]?\d+)?", value.strip())
    gpa = float(value) if number else math.nan
    return gpa if 0 <= gpa <= 4 else None


def _skills(entries: list[dict[str, Any]]) -> tuple[dict[str, list[str]], list[SkillGroup]]:
    pools: dict[str, list[str]] = {"technical": [], "soft": []}
    groups = []
    for entry in entries:
        name, words = entry.get("name"), entry.get("keywords") or []
        soft = isinstance(name, str) and name.strip().casefold() == SOFT.casefold()
        if words:
            pool, limit = (pools["soft"], 100) if soft else (pools["technical"], 200)
            tied = [i for i, word in enumerate(words) if _add_skill(pool, word, limit)]
            groups.append(SkillGroup(doc=entry, tied=tied, soft=soft))
        else:
            named = not soft and _add_skill(pools["technical"], name, 200)
            groups.append(SkillGroup(doc=entry, name=named))
    return pools, groups


def _add_skill(pool: list[str], value: Any, limit: int) -> bool:
    if not _text(value, 100) or len(pool) >= limit:
        return False
    if value.strip().casefold() in {p.strip().casefold() for p in pool}:
        return False
    pool.append(value)
    return True


def _patch(doc: dict[str, Any], core: dict[str, Any]) -> Patch | None:
    keys = [k for k in doc | core if (k in doc) != (k in core) or doc[k] != core[k]]
    if not keys:
        return None
    kept, seen = {k: doc[k] for k in keys if k in doc}, {k: core[k] for k in keys if k in core}
    return Patch(keys=keys, doc=kept, core=seen)


def _at(document: dict[str, Any], path: str) -> Any:
    head, _, tail = path.partition(".")
    return _dict(document.get(head)).get(tail) if tail else document.get(head)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any, limit: int) -> str | None:
    fits = isinstance(value, str) and value.strip() and len(value) <= limit
    return value if fits and not has_control_characters(value) else None


def _url(value: Any) -> str | None:
    return value if isinstance(value, str) and value and not rules.web_url(value, "url") else None


def _date(value: Any, start: str | None, *, is_end: bool) -> str | None:
    date = value if isinstance(value, str) and is_partial_date(value) else None
    return date if date and (not is_end or start is None or not_after(start, date)) else None
