"""Clean pasted posting text: HTML remnants, line endings, invisible characters, bullets.

``normalize_posting_text`` is idempotent: its output is a fixed point of itself, so parsing the
normalised text gives the same result as parsing the raw text.
"""

from __future__ import annotations

import html
import re
import unicodedata

from resumecore.postings.addresses import footer_address, footer_copyright
from resumecore.postings.elements import Elements
from resumecore.postings.json_ld import job_posting_lines

_BLOCK_TAG = re.compile(
    r"</?(?:p|br|div|ul|ol|h[1-6]|tr|table|section|article|header|footer|hr|dd|dt|dl)\b[^<>]*>",
    re.IGNORECASE,
)
# Parts of a careers page that are never the posting: the document head (its <title> kept as a
# line, it names the company), scripts, menus, footers, buttons.
_PAGE_CHROME = re.compile(
    r"<!DOCTYPE[^<>]*>|<(script|style|nav|footer|noscript|button|svg|form)\b[^<>]*>.*?</\1\s*>|"
    # A list styled as the site's menu: '<ul class="menu">'.
    r"<(ul|ol)\b[^<>]*\bclass=[\"'][^\"'<>]*\b(?:menu|nav\w*)\b[^<>]*>.*?</\2\s*>|"
    # A cookie banner: '<div id="cookiebar">', '<div class="nhsuk-cookie-banner">'.
    r"<(div|section|aside)\b[^<>]*\b(?:id|class)=[\"'][^\"'<>]*(?:cookie|consent|gdpr)[^<>]*>"
    r".*?</\3\s*>|"
    # A link styled as a button: '<a class="cta" href="#apply">Solliciteer direct</a>'.
    r"<a\b[^<>]*\bclass=[\"'][^\"'<>]*\b(?:cta|btn|button)\b[^<>]*>.*?</a\s*>",
    re.IGNORECASE | re.DOTALL,
)
_FOOTER = re.compile(r"<footer\b[^<>]*>(?P<inner>.*?)</footer\s*>", re.IGNORECASE | re.DOTALL)
_HEAD = re.compile(r"<head\b[^<>]*>(?P<inner>.*?)</head\s*>", re.IGNORECASE | re.DOTALL)
# The element patterns above, found in linear time (see elements.py); they stay the reference.
_CHROME_ELEMENTS = Elements(
    r"<!DOCTYPE[^<>]*>|<(script|style|nav|footer|noscript|button|svg|form)\b[^<>]*>|"
    r"<(ul|ol)\b[^<>]*\bclass=[\"'][^\"'<>]*\b(?:menu|nav\w*)\b[^<>]*>|"
    r"<(div|section|aside)\b[^<>]*\b(?:id|class)=[\"'][^\"'<>]*(?:cookie|consent|gdpr)[^<>]*>|"
    r"<(a)\b[^<>]*\bclass=[\"'][^\"'<>]*\b(?:cta|btn|button)\b[^<>]*>",
    re.IGNORECASE | re.DOTALL,
)
_FOOTER_ELEMENTS = Elements(r"<footer\b[^<>]*>", re.IGNORECASE | re.DOTALL, r"</footer\s*>")
_HEAD_ELEMENTS = Elements(r"<head\b[^<>]*>", re.IGNORECASE | re.DOTALL, r"</head\s*>")
_PAGE_TITLE = re.compile(r"<title\b[^<>]*>(?P<title>[^<>]*)</title\s*>", re.IGNORECASE)
# "<th>Company</th><td>Acme</td>": a table of facts reads as "Company: Acme".
# "<dt>Location</dt><dd>Asheville, NC</dd>" likewise.
_CELL_LABEL = re.compile(r"</th\s*>\s*(?=<td\b)|</dt\s*>\s*<dd\b[^<>]*>", re.IGNORECASE)
# "<tr><td>Employer</td><td>Acme</td></tr>": a row's short first cell is its label too.
_ROW_LABEL = re.compile(
    r"(<tr\b[^<>]*>\s*<td\b[^<>]*>[^<>:]{1,40})</td\s*>\s*(?=<td\b)", re.IGNORECASE
)
_LIST_ITEM = re.compile(r"<li\b[^<>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*\b[^<>]*>|<!--.*?-->", re.DOTALL)
# _ANY_TAG without its comments: after the last "-->" no comment can close, and a tag ends at
# the first ">", so none spans that point (searching on for "-->" from each "<!--" after it was
# quadratic in a paste of them).
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*\b[^<>]*>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)
# A bullet at a line's start, with the spaces around it. The first line's is matched where the
# text starts, every other one after its newline: a pattern opening with a literal "\n" is
# looked for at the newlines only, not tested for a line start at every position.
_BULLET = (
    r"[^\S\n]*(?:[•·▪▫◦●○■□‣∙\u2043➢➤►▶▸→⇒✓✔✅☑✗❖◆◇♦★☆]|[-*+\u2013—](?=[^\S\n])|-(?=[^\S\n]*$))"
    r"[^\S\n]*"
)
_FIRST_BULLET = re.compile(_BULLET, re.MULTILINE)
_LATER_BULLET = re.compile("\n" + _BULLET, re.MULTILINE)
# "Position ........... Fitter", a form copied from a PDF: the dot leaders stand for a colon.
_DOT_LEADER = re.compile(
    r"^(?P<label>[^\W\d_][\w'/&()-]*(?: [\w'/&()-]+){0,3}?)(?: \.{3,}|\.{5,}|\s?…[….]+) ?(?=\S)",
    re.MULTILINE,
)
# Only runs that change: a single space between words, a newline with no space beside it,
# are left as they are (most of a text; replacing them too costs time for the same result).
_HSPACE = re.compile(r" [^\S\n]+|[^\S \n][^\S\n]*")
_EDGE_SPACE = re.compile(r"[^\S\n]+\n[^\S\n]*|\n[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_ROUNDS = 4


def normalize_posting_text(raw: str) -> str:
    r"""The posting with markup removed and whitespace, line endings and bullets made uniform.

    Args:
        raw: Text as pasted: may hold HTML remnants, CRLF, emoji bullets, zero-width characters.

    Returns:
        Plain text with ``\n`` line endings, ``- `` bullets, single spaces and at most one blank
        line in a row.
    """
    page, facts = job_posting_lines(raw)
    # The embedded JobPosting's facts lead the text: the header reader finds them as labels.
    text = "\n".join([*facts, page]) if facts else page
    # A footer is chrome, but its postal address and copyright line say where and who the
    # employer is.
    if "<" in text:
        text = _FOOTER_ELEMENTS.sub(_footer_facts, text)
    for _ in range(_ROUNDS):
        cleaned = _clean_once(text)
        if cleaned == text:
            return text
        text = cleaned
    # Pathological nesting (entities of entities of tags): disarm what is left so that the
    # result is still a fixed point.
    return _clean_once(text.replace("&", "\uff06").replace("<", "\u2039"))


def _footer_facts(inner: str) -> str:
    return f"\n{footer_address(inner)}\n{footer_copyright(inner)}\n"


def _clean_once(text: str) -> str:
    # Each pass runs only if the text holds what its every match needs (a "<" for a tag, two
    # spaces in a row...): a pass that cannot match leaves the text as it is, and skipping it
    # saves a scan of the whole text.
    if "<" in text:
        text = _without_tags(text)
    if "&" in text:
        text = _ENTITY.sub(_decode_entity, text)
    text = unicodedata.normalize("NFC", text)
    # Line breaks other than "\n", invisible characters, tabs and spaces other than " " are all
    # characters str.isprintable() refuses; most texts have none.
    plain = text.replace("\n", " ").isprintable()
    if not plain:
        text = _LINE_BREAKS.sub("\n", text)
        text = _INVISIBLE.sub(" ", text).replace("\t", " ").replace("\xa0", " ")
    text = text.replace("\u2010", "-").replace("\u2011", "-")
    text = _uniform_bullets(text)
    if "..." in text or "…" in text:
        text = _DOT_LEADER.sub(r"\g<label>: ", text)
    # In a plain text the only spaces are " ": a run to change holds two of them, and a space
    # at a line's edge is next to a newline.
    if not plain or "  " in text:
        text = _HSPACE.sub(" ", text)
    if not plain or " \n" in text or "\n " in text:
        text = _EDGE_SPACE.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def _uniform_bullets(text: str) -> str:
    first = _FIRST_BULLET.match(text)
    if first:
        text = "- " + text[first.end() :]
    return _LATER_BULLET.sub("\n- ", text)


def _without_tags(text: str) -> str:
    text = _HEAD_ELEMENTS.sub(_head_title, text)
    text = _CHROME_ELEMENTS.sub(_line_break, text)
    text = _CELL_LABEL.sub(": ", text)
    if "<tr" in text or "<TR" in text:
        text = _ROW_LABEL.sub(r"\1: ", text)
    text = _LIST_ITEM.sub("\n- ", text)
    text = _BLOCK_TAG.sub("\n", text)
    closed = text.rfind("-->") + 3 if "-->" in text else 0
    return _ANY_TAG.sub(" ", text[:closed]) + _TAG.sub(" ", text[closed:])


def _line_break(_: str) -> str:
    return "\n"


def _head_title(inner: str) -> str:
    title = _PAGE_TITLE.search(inner)
    return f"\n{title.group('title')}\n" if title else "\n"


def _decode_entity(match: re.Match[str]) -> str:
    decoded = html.unescape(match.group(0))
    # Entities that decode to nothing (invalid code points) become a space, never a join.
    return decoded or " "
