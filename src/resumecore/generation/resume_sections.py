"""The body sections of a resume: experience, projects, education, certifications, languages.

Headings are the profile's own strings joined by " · "; lines are original text. A heading the
guard refuses is tried again with less (no dates, no location); an entry without an accepted
heading is left out, and so is a section without entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from resumecore.generation.guard import Guard
from resumecore.generation.phrasing import (
    SEPARATOR,
    date_range,
    degree_in_field,
    month_year,
    text_lines,
    tidy,
)
from resumecore.generation.profile_view import is_ongoing, recency_key
from resumecore.generation.style_fit import fit_bullets
from resumecore.model.components import Certification, Education, Experience, Project
from resumecore.model.dates import end_month_index, month_index
from resumecore.model.document import Entry, Line, Section, SectionKind
from resumecore.model.profile_parts import Language
from resumecore.samples.style import WritingStyle
from resumecore.tailoring.items import skill_id
from resumecore.tailoring.selection import ExperiencePlan

LONG_DESCRIPTION = 300


def section(kind: SectionKind, title: str, entries: Iterable[Entry | None]) -> Section | None:
    """The section, or None when no entry survived."""
    kept = tuple(entry for entry in entries if entry is not None)
    return Section(kind=kind, title=title, entries=kept) if kept else None


def joined(*parts: str | None) -> str:
    """The non-empty parts, tidied, joined by the heading separator."""
    return SEPARATOR.join(tidy(part) for part in parts if part and part.strip())


def entry(
    guard: Guard, headings: Sequence[str], lines: Iterable[tuple[str, tuple[str, ...]]], source: str
) -> Entry | None:
    """An entry under the first accepted heading, with every accepted line, or None."""
    heading = guard.first(dict.fromkeys(h for h in headings if h))
    if heading is None:
        return None
    kept = [Line(text=tidy(text), sources=sources) for text, sources in lines if text.strip()]
    kept = [line for line in kept if guard.accept(line.text)]
    return Entry(heading=Line(text=heading, sources=(source,)), lines=tuple(kept))


def experience_entry(
    guard: Guard, exp: Experience, chosen: ExperiencePlan, style: WritingStyle | None = None
) -> Entry | None:
    """A role: title · company · location · dates, then its description and chosen bullets.

    With a sample's ``style``, the bullets follow its bullet length (``style_fit``).
    """
    dates = date_range(exp.start_date, exp.end_date, ongoing=is_ongoing(exp))
    headings = [
        joined(exp.title, exp.company, exp.location, dates),
        joined(exp.title, exp.company, dates),
        joined(exp.title, exp.company),
    ]
    lines: list[tuple[str, tuple[str, ...]]] = []
    description = text_lines(exp.description or "")
    if description and (not chosen.bullets or len(" ".join(description)) <= LONG_DESCRIPTION):
        lines += [(line, (exp.id,)) for line in description]
    bullets = [(b, (i,)) for b, i in zip(chosen.bullets, chosen.bullet_ids, strict=True)]
    lines += fit_bullets(bullets, style, guard)
    return entry(guard, headings, lines, exp.id)


def chronological(chosen: Sequence[tuple[Experience, ExperiencePlan]]) -> list[int]:
    """Positions of ``chosen`` newest first (ongoing roles, then by end and start date)."""
    return sorted(range(len(chosen)), key=lambda i: recency_key(chosen[i][0]), reverse=True)


def project_entry(guard: Guard, project: Project) -> Entry | None:
    """A project: name · dates, then description, technologies, highlights and link."""
    ongoing = project.is_ongoing or (project.start_date is not None and project.end_date is None)
    dates = date_range(project.start_date, project.end_date, ongoing=ongoing)
    sources = (project.id,)
    lines = [(line, sources) for line in text_lines(project.description or "")]
    techs = [tidy(t) for t in project.technologies if t.strip()]
    if techs:
        lines.append((f"Technologies: {', '.join(dict.fromkeys(techs))}", sources))
    lines += [(highlight, sources) for highlight in project.highlights]
    lines.append((project.url or project.repository_url or "", sources))
    return entry(guard, [joined(project.name, dates), joined(project.name)], lines, project.id)


def education_entry(guard: Guard, edu: Education) -> Entry | None:
    """A degree: degree in field · institution · dates, then honours."""
    degree = degree_in_field(tidy(edu.degree), tidy(edu.field_of_study or ""))
    dates = date_range(edu.start_date, edu.end_date, ongoing=edu.is_current)
    headings = [
        joined(degree, edu.institution, dates),
        joined(degree, edu.institution),
        joined(edu.degree, edu.institution),
        joined(edu.institution),
    ]
    return entry(guard, headings, [(h, (edu.id,)) for h in edu.honors], edu.id)


def education_order(education: Sequence[Education]) -> list[Education]:
    """Newest first by end (then start) date; undated entries last, in the given order."""

    def key(edu: Education) -> tuple[int, int]:
        end = 10**7 if edu.is_current else end_month_index(edu.start_date, edu.end_date) or -1
        return end, month_index(edu.start_date or "") or -1

    return sorted(education, key=key, reverse=True)


def certification_entry(guard: Guard, cert: Certification, lapsed: bool) -> Entry | None:
    """A certification: name · issuer · date obtained, then "expired <date>" when ``lapsed``.

    A lapsed one is never shown without its expiry: listed bare, it would read as held now.
    """
    obtained = date_range(cert.date_obtained, None, ongoing=False)
    if lapsed:
        expired = f"expired {month_year(cert.expiry_date)}"
        headings = [
            joined(cert.name, cert.issuer, obtained, expired),
            joined(cert.name, cert.issuer, expired),
            joined(cert.name, expired),
        ]
    else:
        headings = [
            joined(cert.name, cert.issuer, obtained),
            joined(cert.name, cert.issuer),
            joined(cert.name),
        ]
    return entry(guard, headings, [], cert.id)


def languages_entry(guard: Guard, languages: Sequence[Language]) -> Entry | None:
    """One line: "English (fluent), German (native)"."""
    named = [lang for lang in languages if lang.name.strip()]
    kept = [lang for lang in named if guard.grounded(f"{tidy(lang.name)} ({lang.proficiency})")]
    text = ", ".join(dict.fromkeys(f"{tidy(lang.name)} ({lang.proficiency})" for lang in kept))
    if not text or not guard.accept(text):
        return None
    sources = tuple(dict.fromkeys(skill_id(lang.name) for lang in kept))
    return Entry(heading=Line(text=text, sources=sources))
