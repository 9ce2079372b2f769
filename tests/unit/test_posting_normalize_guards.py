"""The normaliser skips a pass only when the pass could not change the text.

A tag pass needs a "<", the entity pass a "&", the blank-line pass three newlines in a row (read
from each pattern's parse tree); the characters the line-break, invisible-character and space
passes replace are all refused by str.isprintable() (checked over all of Unicode). And over every
posting in the test data and random texts, a cleaning round equals the one that runs every pass.
"""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumecore.postings import addresses, json_ld, normalize
from resumecore.postings.literal_guard import GuardedPattern
from tests.support.posting_texts import posting_texts
from tests.support.regex_literals import every_match_contains

EVERYTHING = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
# The bullet pattern as one multi-line pattern, as it read before it was split in two.
BULLET = re.compile("^" + normalize._BULLET, re.MULTILINE)
TAG_PASSES = (
    normalize._FOOTER,
    normalize._HEAD,
    normalize._PAGE_CHROME,
    normalize._CELL_LABEL,
    normalize._ROW_LABEL,
    normalize._LIST_ITEM,
    normalize._BLOCK_TAG,
    normalize._ANY_TAG,
)


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        *((p, "<") for p in TAG_PASSES),
        (normalize._ENTITY, "&"),
        (normalize._BLANK_LINES, "\n\n\n"),
    ],
)
def test_a_skipped_pass_could_not_match(pattern: re.Pattern[str], needed: str) -> None:
    assert every_match_contains(GuardedPattern(pattern, (needed,)))


@pytest.mark.parametrize(
    "pattern",
    [normalize._LINE_BREAKS, normalize._INVISIBLE, re.compile(r"[\t\xa0]|[^\S \n]")],
)
def test_what_the_character_passes_replace_is_not_printable(pattern: re.Pattern[str]) -> None:
    found = pattern.findall(EVERYTHING)
    assert found
    assert not [char for char in found if char.replace("\n", " ").isprintable()]


def _every_pass(text: str) -> str:
    # The cleaning round with no pass skipped.
    text = _every_pass_tags(text)
    text = normalize._ENTITY.sub(normalize._decode_entity, text)
    text = unicodedata.normalize("NFC", text)
    text = normalize._LINE_BREAKS.sub("\n", text)
    text = normalize._INVISIBLE.sub(" ", text).replace("\t", " ").replace("\xa0", " ")
    text = text.replace("\u2010", "-").replace("\u2011", "-")
    text = BULLET.sub("- ", text)
    if "..." in text or "…" in text:
        text = normalize._DOT_LEADER.sub(r"\g<label>: ", text)
    text = normalize._HSPACE.sub(" ", text)
    text = normalize._EDGE_SPACE.sub("\n", text)
    text = normalize._BLANK_LINES.sub("\n\n", text)
    return text.strip()


def test_a_round_equals_the_round_with_every_pass_over_the_test_postings() -> None:
    texts = posting_texts()
    assert len(texts) > 300
    for text in texts:
        assert normalize._clean_once(text) == _every_pass(text)
        cleaned = normalize._clean_once(text)
        assert normalize._clean_once(cleaned) == _every_pass(cleaned)


@given(
    st.lists(
        st.sampled_from(
            [
                *" \n\t\r\x0b\x0c\x85\xa0\u2003\u2028\u200b\ufeff\x07ab-*•\u2013—.…:&<>",
                "<p>",
                "<li>",
                "</td><td>",
                "&amp;",
                "&nbsp;",
                "<br/>",
                "<tr><td>",
                "\r\n",
                "- ",
                "  ",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_a_round_equals_the_round_with_every_pass(text: str) -> None:
    assert normalize._clean_once(text) == _every_pass(text)


HTML_PIECES = st.lists(
    st.sampled_from(
        [
            *"ab <>/-!\n\u017f\u212a\u0131\u0130",
            "<script>",
            "</script>",
            "</SCRIPT >",
            "</\u017fcript>",
            "<style x>",
            "</style>",
            "<nav>",
            "</nav>",
            "<footer>",
            "</footer>",
            "<FOOTER>",
            "<head>",
            "</head>",
            "<title>t</title>",
            '<ul class="menu">',
            "</ul>",
            '<div id="cookie">',
            "</div>",
            '<a class="btn">',
            "</a>",
            "</A>",
            "<address>",
            "</address>",
            "<!DOCTYPE html>",
            "<!--",
            "-->",
            "<!-->",
            "<b>",
            '<script type="application/ld+json">',
            '{"@type": "JobPosting", "title": "Cook"}',
        ]
    ),
    max_size=25,
).map("".join)


@given(HTML_PIECES)
def test_elements_are_found_as_their_patterns_find_them(text: str) -> None:
    assert normalize._CHROME_ELEMENTS.sub(lambda _: "\n", text) == normalize._PAGE_CHROME.sub(
        "\n", text
    )
    assert normalize._FOOTER_ELEMENTS.sub(str.upper, text) == normalize._FOOTER.sub(
        lambda found: found.group("inner").upper(), text
    )
    assert json_ld._SCRIPTS.sub(lambda _: "\n", text) == json_ld._SCRIPT.sub("\n", text)
    assert [raw[1:3] for raw in json_ld._SCRIPTS.spans(text)] == [
        found.span("body") for found in json_ld._SCRIPT.finditer(text)
    ]
    assert [raw[1:3] for raw in addresses._ADDRESS_ELEMENTS.spans(text)] == [
        found.span(1) for found in addresses._ADDRESS_ELEMENT.finditer(text)
    ]


@given(HTML_PIECES)
def test_tags_and_comments_go_as_the_tag_pattern_removes_them(text: str) -> None:
    assert normalize._without_tags(text) == _every_pass_tags(text)


def _every_pass_tags(text: str) -> str:
    text = normalize._HEAD.sub(lambda found: normalize._head_title(found.group("inner")), text)
    text = normalize._PAGE_CHROME.sub("\n", text)
    text = normalize._CELL_LABEL.sub(": ", text)
    if "<tr" in text or "<TR" in text:
        text = normalize._ROW_LABEL.sub(r"\1: ", text)
    text = normalize._LIST_ITEM.sub("\n- ", text)
    text = normalize._BLOCK_TAG.sub("\n", text)
    return normalize._ANY_TAG.sub(" ", text)
