"""Profile -> JSON Resume document; also the field table and the residue format.

The mapping itself is documented in the package docstring (``resumecore.jsonresume``).
"""

from __future__ import annotations

from typing import Any

import msgspec

from resumecore.jsonresume.mapping import (
    CONVERT,
    FIELDS,
    FINGERPRINT,
    META_KEY,
    NETWORKS,
    RESERVED,
    SECTIONS,
    SOFT,
    SOURCE,
    TECHNICAL,
    Entry,
    Patch,
    Residue,
    SkillGroup,
)
from resumecore.jsonresume.shape import PROFILES, shape_problems
from resumecore.model.profile import Profile


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
    # The profile keeps skills stripped ("Go " is stored as "Go"), the document as written.
    key = value.strip() if isinstance(value, str) else None
    for i, skill in enumerate(pool):
        if skill.strip() == key:
            del pool[i]
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
