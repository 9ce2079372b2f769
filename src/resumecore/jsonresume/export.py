"""Profile -> JSON Resume document; also the field table, residue format and shape check.

The mapping itself is documented in the package docstring (``resumecore.jsonresume``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import msgspec

from resumecore.errors import FieldError
from resumecore.model.components import ITEM, LONG, SHORT
from resumecore.model.profile import Profile

RESERVED = "jsonresume"
META_KEY = "resumecore"
TECHNICAL, SOFT = "Technical", "Soft skills"
FLUENCY = {
    "native": "Native speaker",
    "fluent": "Fluent",
    "conversational": "Conversational",
    "basic": "Basic",
}
NETWORKS = {"linkedin": "LinkedIn", "github": "GitHub"}
PROFILES = "basics.profiles"
SECTIONS = ("basics", "work", "education", "projects", "skills", "languages", "certificates")
SOURCE = {
    "work": ("experiences",),
    "education": ("education",),
    "projects": ("projects",),
    "languages": ("skills", "languages"),
    "certificates": ("skills", "certifications"),
}
# (our field, JSON Resume field or None for a meta.resumecore note, kind); a kind is a length
# limit, (max items, max length) of a text list, or a named conversion.
FIELDS: dict[str, tuple[tuple[str, str | None, Any], ...]] = {
    "work": (
        ("company", "name", SHORT),
        ("title", "position", SHORT),
        ("location", "location", SHORT),
        ("start_date", "startDate", "start"),
        ("end_date", "endDate", "end"),
        ("description", "summary", LONG),
        ("achievements", "highlights", (50, ITEM)),
        ("enhanced_description", None, LONG),
    ),
    "education": (
        ("institution", "institution", SHORT),
        ("degree", "studyType", SHORT),
        ("field_of_study", "area", SHORT),
        ("start_date", "startDate", "start"),
        ("end_date", "endDate", "end"),
        ("gpa", "score", "gpa"),
        ("honors", None, (20, 300)),
    ),
    "projects": (
        ("name", "name", SHORT),
        ("description", "description", LONG),
        ("technologies", "keywords", (50, 100)),
        ("url", "url", "url"),
        ("start_date", "startDate", "start"),
        ("end_date", "endDate", "end"),
        ("enhanced_description", None, LONG),
    ),
    "certificates": (
        ("name", "name", SHORT),
        ("issuer", "issuer", SHORT),
        ("date_obtained", "date", "start"),
        ("expiry_date", None, "end"),
        ("credential_id", None, SHORT),
    ),
    "languages": (("name", "language", 100), ("proficiency", "fluency", "fluency")),
    PROFILES: (("field", "network", "network"), ("url", "url", "url")),
}
CONVERT: dict[str, Callable[[Any], Any]] = {
    "gpa": repr,
    "fluency": FLUENCY.__getitem__,
    "network": NETWORKS.__getitem__,
}
FINGERPRINT = {
    "work": ("name", "startDate"),
    "education": ("institution",),
    "projects": ("name",),
    "certificates": ("name",),
    "languages": ("language",),
    PROFILES: ("network",),
}


class Patch(msgspec.Struct, omit_defaults=True):
    """Original values of ``keys`` (a key absent from ``doc`` was absent).

    Each is applied only while the mapped value still equals the one seen at import
    (``core``), so a later edit of the profile wins over the imported original.
    """

    keys: list[str] = []
    doc: dict[str, Any] = {}
    core: dict[str, Any] = {}


class Entry(msgspec.Struct, omit_defaults=True):
    """One imported array item: kept ``raw``, or mapped (found again by ``fp``) + ``patch``."""

    raw: dict[str, Any] | None = None
    fp: list[Any] = []
    patch: Patch | None = None


class SkillGroup(msgspec.Struct, omit_defaults=True):
    """One imported ``skills`` entry; its ``tied`` keywords (or its ``name``) are our skills."""

    doc: dict[str, Any]
    tied: list[int] = []
    name: bool = False
    soft: bool = False


class Residue(msgspec.Struct, omit_defaults=True):
    """What our model cannot hold of an imported document (``custom_fields[RESERVED]``)."""

    extra: dict[str, Any] = {}
    empty: list[str] = []
    basics: Patch | None = None
    lists: dict[str, list[Entry]] = {}
    skills: list[SkillGroup] | None = None


def to_json_resume(profile: Profile) -> dict[str, Any]:
    """Export ``profile`` as a JSON Resume 1.x document valid against the official schema.

    Args:
        profile: the profile to export.

    Returns:
        A JSON-ready dict (see ``resumecore.jsonresume`` for the mapping).
    """
    content = msgspec.json.decode(msgspec.json.encode(profile))  # plain JSON types, no tuples
    try:
        residue = msgspec.convert(content["custom_fields"].get(RESERVED) or {}, Residue)
    except msgspec.ValidationError:
        residue = Residue()
    document = build_document(content, residue)
    if residue != Residue() and shape_problems(document):  # a hand-edited residue: drop it
        document = build_document(content, Residue())
    return document


def build_document(content: dict[str, Any], residue: Residue) -> dict[str, Any]:
    """The document for profile ``content`` (builtins) with ``residue`` replayed over it."""
    info = content["personal_info"]
    basics = apply_patch(
        _clean(
            {
                "name": info["full_name"],
                "email": info.get("email"),
                "phone": info.get("phone"),
                "url": info.get("website"),
                "summary": content.get("professional_summary"),
                "location": {"city": info["location"]} if info.get("location") else None,
            }
        ),
        residue.basics or Patch(),
    )
    profiles = [{"field": f, "url": info[f]} for f in NETWORKS if info.get(f)]
    basics |= _list(PROFILES, profiles, residue, {})
    sections: dict[str, Any] = {"basics": basics}
    notes: dict[str, Any] = {}
    for section, path in SOURCE.items():
        models = content[path[0]][path[1]] if len(path) > 1 else content[path[0]]
        sections |= _list(section, models, residue, notes)
    sections["skills"] = skills_out(content["skills"], residue.skills)
    document = {k: v for k, v in sections.items() if v or k in residue.empty}
    document |= {k: v for k, v in residue.extra.items() if k not in {*SECTIONS, "meta"}}
    custom = {k: v for k, v in content["custom_fields"].items() if k != RESERVED}
    ours = {"custom_fields": custom, **notes}
    ours["enhanced_professional_summary"] = content.get("enhanced_professional_summary")
    ours = {k: v for k, v in ours.items() if v}
    meta = residue.extra.get("meta")
    meta = dict(meta) if isinstance(meta, dict) else {}
    if ours:
        kept = meta.get(META_KEY)
        meta[META_KEY] = {**(kept if isinstance(kept, dict) else {}), **ours}
    return document | ({"meta": meta} if meta or "meta" in residue.extra else {})


def _list(
    section: str, models: list[Any], residue: Residue, notes: dict[str, Any]
) -> dict[str, Any]:
    pairs = merge_list(section, models, residue.lists.get(section, []))
    if any(note := [_note(section, item, model) for item, model in pairs]):
        notes[section] = note
    items = [item for item, _ in pairs]
    return {section.rpartition(".")[2]: items} if items or section in residue.empty else {}


def core_item(section: str, model: dict[str, Any]) -> dict[str, Any]:
    """One model item (builtins) mapped to its JSON Resume array item."""
    out = {}
    for ours, theirs, kind in FIELDS[section]:
        value = model.get(ours)
        if theirs is None or value in (None, "", [], ()):
            continue
        if isinstance(kind, str) and kind in CONVERT:
            value = CONVERT[kind](value)
        out[theirs] = list(value) if isinstance(value, (list, tuple)) else value
    return out


def fingerprint(section: str, core: dict[str, Any]) -> list[Any]:
    """The mapped values that find an item's residue again after other edits."""
    return [core.get(key) for key in FINGERPRINT[section]]


def apply_patch(core: dict[str, Any], patch: Patch) -> dict[str, Any]:
    """``core`` with each patched key restored while its mapped value is unchanged."""
    out = dict(core)
    for key in patch.keys:
        if (key in core) == (key in patch.core) and core.get(key) == patch.core.get(key):
            if key in patch.doc:
                out[key] = patch.doc[key]
            else:
                out.pop(key, None)
    return out


def merge_list(
    section: str, models: list[dict[str, Any]], entries: list[Entry]
) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """``(item, model or None)``: mapped items in model order, raw items at their old index."""
    free = [i for i, entry in enumerate(entries) if entry.raw is None]
    placed = []
    for n, model in enumerate(models):
        core = core_item(section, model)
        hit = next((i for i in free if entries[i].fp == fingerprint(section, core)), None)
        if hit is not None:
            free.remove(hit)
            core = apply_patch(core, entries[hit].patch or Patch())
        # Profiles come from fixed model fields, so only their imported order says where.
        placed.append(
            (hit if hit is not None and section == PROFILES else len(entries) + n, core, model)
        )
    pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = [
        (item, model) for _, item, model in sorted(placed, key=lambda p: p[0])
    ]
    for i, entry in enumerate(entries):
        if entry.raw is not None:
            pairs.insert(i, (entry.raw, None))
    return pairs


def skills_out(skills: dict[str, Any], groups: list[SkillGroup] | None) -> list[dict[str, Any]]:
    """``skills`` entries: imported groups keep the skills still present, the rest are grouped."""
    pools = {False: list(skills["technical"]), True: list(skills["soft"])}
    out = []
    for group in groups or []:
        entry = dict(group.doc)
        if group.name and not _take(pools[False], entry.get("name")):
            continue
        if group.tied:
            words = entry["keywords"] if isinstance(entry.get("keywords"), list) else []
            pool = pools[group.soft]
            entry["keywords"] = [
                w for i, w in enumerate(words) if i not in group.tied or _take(pool, w)
            ]
            if not entry["keywords"]:
                continue
        out.append(entry)
    defaults = ((False, TECHNICAL), (True, SOFT))
    return out + [{"name": name, "keywords": pools[soft]} for soft, name in defaults if pools[soft]]


def _take(pool: list[str], value: Any) -> bool:
    if value in pool:
        pool.remove(value)
        return True
    return False


def _note(section: str, item: dict[str, Any], model: dict[str, Any] | None) -> dict[str, Any]:
    if model is None or section == PROFILES:
        return {}
    note = {
        ours: model[ours]
        for ours, theirs, _ in FIELDS[section]
        if theirs is None and model.get(ours)
    }
    if section == "work" and model["is_current"] != ("endDate" not in item):
        note["is_current"] = model["is_current"]
    return note


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value not in (None, "", [])}


_DATE = re.compile(r"[12][0-9]{3}(-[01][0-9](-[0-3][0-9])?)?")
SHAPES = {  # (string fields, date fields, string-array fields), as in the official schema
    "basics": ("name label image email phone url summary", "", ""),
    "basics.location": ("address postalCode city countryCode region", "", ""),
    PROFILES: ("network username url", "", ""),
    "work": ("name location description position url summary", "startDate endDate", "highlights"),
    "volunteer": ("organization position url summary", "startDate endDate", "highlights"),
    "education": ("institution url area studyType score", "startDate endDate", "courses"),
    "awards": ("title awarder summary", "date", ""),
    "certificates": ("name url issuer", "date", ""),
    "publications": ("name publisher url summary", "releaseDate", ""),
    "skills": ("name level", "", "keywords"),
    "languages": ("language fluency", "", ""),
    "interests": ("name", "", "keywords"),
    "references": ("name reference", "", ""),
    "projects": (
        "name description url entity type",
        "startDate endDate",
        "highlights keywords roles",
    ),
    "meta": ("canonical version lastModified", "", ""),
}
OBJECTS = ("basics", "basics.location", "meta")


def shape_problems(document: Any) -> list[FieldError]:
    """Every place ``document`` breaks the JSON Resume schema's types or date pattern.

    Formats (``email``, ``uri``) are not checked, as JSON Schema validators do by default.
    """
    if not isinstance(document, dict):
        return [FieldError("invalid_type", "Must be an object.")]
    found = [] if isinstance(document.get("$schema", ""), str) else [_bad("$schema", "a string")]
    basics = document.get("basics")
    nested = {f"basics.{k}": v for k, v in basics.items()} if isinstance(basics, dict) else {}
    # A top-level key with a dot is an unknown extra key, never a basics field.
    pairs = [(k, v) for k, v in document.items() if "." not in k] + list(nested.items())
    for key, value in pairs:
        if key in SHAPES:
            found += _shape(value, key, many=key not in OBJECTS)
    return found


def _shape(value: Any, path: str, *, many: bool, shape: str = "") -> list[FieldError]:
    if many:
        if not isinstance(value, list):
            return [_bad(path, "an array")]
        return [
            p
            for i, item in enumerate(value)
            for p in _shape(item, f"{path}[{i}]", many=False, shape=path)
        ]
    if not isinstance(value, dict):
        return [_bad(path, "an object")]
    strings, dates, arrays = (names.split() for names in SHAPES[shape or path])
    found = [
        _bad(f"{path}.{k}", "a string")
        for k in strings
        if k in value and not isinstance(value[k], str)
    ]
    found += [
        FieldError("invalid_date", "Use YYYY, YYYY-MM or YYYY-MM-DD.", f"{path}.{k}")
        for k in dates
        if k in value and not (isinstance(value[k], str) and _DATE.fullmatch(value[k]))
    ]
    return found + [
        _bad(f"{path}.{k}", "an array of strings")
        for k in arrays
        if k in value
        and not (isinstance(value[k], list) and all(isinstance(s, str) for s in value[k]))
    ]


def _bad(path: str, expected: str) -> FieldError:
    return FieldError("invalid_type", f"Must be {expected}.", path)
