"""Strategies for job postings: pasted text in several shapes, parsed postings and Jobs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st

from resumecore.ids import UserId
from resumecore.model.job import Job
from resumecore.model.job_factory import new_job
from resumecore.postings import ParsedPosting, parse_posting
from resumecore.testing import text

REQUIREMENTS = (
    "5+ years of Python", "Kubernetes in production", "Forklift certification",
    "Bachelor's degree in Nursing", "Excellent communication", "Wound care and IV therapy",
    "CDL Class A licence",
)  # fmt: skip
PLACES = ("Berlin, Germany", "Remote (EU)", "London, UK", "Austin, TX", "Hybrid - Paris")
SALARIES = ("$120,000 - $150,000 per year", "€4.500 brutto/Monat", "£40k", "$25/hr")
# Pieces real postings are made of (markup, entities, bullets, headings, pay, odd Unicode):
# joined at random they make text no board would send but any parser must survive.
FRAGMENTS = (
    "<li>", "</li>", "<br>", "<br/>", "<p>", "</p>", "<h2>", "<ul>", "<div class='x'>", "&amp;",
    "&lt;", "&gt;", "&nbsp;", "&#8203;", "&amp;lt;b&amp;gt;", "&#x27;", "&", "<", ">", "\r\n",
    "\n", "\n\n\n", "\r", "\t", "\u00a0", "\u200b", "\u2028", "• ", "- ", "* ", "✅ ", "1. ",
    "2) ", "## ", "**", "Requirements", "Requirements:", "Nice to have", "Bonus points",
    "What you'll do", "Benefits", "About Acme", "Company: ", "Location: ", "Remote (EU)",
    "Hybrid", "Full-time", "part-time", "Contract", "Salary: ", "$", "€", "£", "CA$", "USD ",
    "120,000", "4.500", "40k", "-", "\u2013", " to ", "/hr", " per year", "brutto/Monat",
    "5+ years", "at least three years", " of experience", "k8s", "Postgres", "JS", "Go", "go",
    "R", "C", "C++", "C#", ".NET", "Excel", "Python", "React", "Node.js", ", ", " and ", " or ",
    "(", ")", "R&D", "C-suite", "Senior Engineer", " at ", " · ", "Berlin, Germany", "😀", "🚀",
    "é", "e\u0301", "ß", "İ", "ﬁ", "Ǆ",
)  # fmt: skip
SHAPES = ("plain", "markdown", "html", "labelled")


def posting_fragments(max_pieces: int = 80) -> st.SearchStrategy[str]:
    """Posting-like noise: fragments of real postings and short random text, joined."""
    piece = st.sampled_from(FRAGMENTS) | st.text(max_size=12)
    return st.lists(piece, max_size=max_pieces).map("".join)


@st.composite
def posting_texts(draw: st.DrawFn, *, shapes: tuple[str, ...] = SHAPES) -> str:
    """A well-formed posting as a user pastes it, in one of ``shapes``.

    ``plain``: title line, sections under headings; ``markdown``: ``##`` headings and ``-``
    bullets; ``html``: a board's markup; ``labelled``: ``Company:``/``Location:`` lines.
    """
    title = draw(st.sampled_from(text.TITLES[:-2]))
    company = draw(st.sampled_from(text.COMPANIES))
    place = draw(st.sampled_from(PLACES))
    required = draw(st.lists(st.sampled_from(REQUIREMENTS), min_size=1, max_size=4, unique=True))
    bonus = draw(st.lists(st.sampled_from(text.SKILLS), max_size=3, unique=True))
    pay = draw(st.none() | st.sampled_from(SALARIES))
    shape = draw(st.sampled_from(shapes))
    if shape == "html":
        items = "".join(f"<li>{r}</li>" for r in required)
        extra = f"<h2>Nice to have</h2><ul>{''.join(f'<li>{b}</li>' for b in bonus)}</ul>"
        return (
            f"<h1>{title}</h1><p>{company} · {place}</p><h2>Requirements</h2><ul>{items}</ul>"
            + (extra if bonus else "")
            + (f"<p>Salary: {pay}</p>" if pay else "")
        )
    bullet = "- " if shape == "markdown" else "• "
    heading = "## " if shape == "markdown" else ""
    head = (
        f"{title}\nCompany: {company}\nLocation: {place}"
        if shape == "labelled"
        else f"{heading}{title}\n{company} - {place}"
    )
    lines = [head, "", f"{heading}Requirements", *(bullet + r for r in required)]
    if bonus:
        lines += ["", f"{heading}Nice to have", *(bullet + b for b in bonus)]
    if pay:
        lines += ["", f"Salary: {pay}"]
    return "\n".join(lines)


def parsed_postings(*, shapes: tuple[str, ...] = SHAPES) -> st.SearchStrategy[ParsedPosting]:
    """What the parser reads from ``posting_texts`` (every string taken from the text)."""
    return posting_texts(shapes=shapes).map(parse_posting)


def job_contents() -> st.SearchStrategy[dict[str, Any]]:
    """A job as a user types it: a title, maybe a company, requirements and skills."""
    return st.fixed_dictionaries(
        {
            "title": text.realistic(text.TITLES),
            "company": st.none() | text.realistic(text.COMPANIES),
            "requirements": st.lists(text.realistic(REQUIREMENTS), max_size=5),
            "required_skills": st.lists(text.realistic(text.SKILLS), max_size=4),
        }
    )


@st.composite
def jobs(draw: st.DrawFn, *, user_id: str = "user-1", from_text: bool | None = None) -> Job:
    """A valid version-1 ``Job``: typed fields, or (``from_text``) parsed from a posting.

    ``from_text=None`` draws either.
    """
    pasted = draw(st.booleans()) if from_text is None else from_text
    content = {"raw_text": draw(posting_texts())} if pasted else draw(job_contents())
    at = datetime(2026, 1, 1, tzinfo=UTC)
    return new_job(draw(st.uuids(version=4).map(str)), UserId(user_id), content, at=at)
