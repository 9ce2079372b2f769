"""Lines at the top of a paste that are never a header field: links, banners, page headings.

"Easy Apply", "Skip to main content", "Mehr erfahren", a cookie notice, "Stillingsannonse"
(the page's "job offer" heading), "48 applicants", a line of punctuation.
"""

from __future__ import annotations

import re

from resumecore.postings.line_parts import strip_decoration
from resumecore.postings.lowered_match import LoweredPattern, lowered

# The whole line is a page's link, banner or heading, in the languages careers pages are
# written in; or it has no letter at all.
_PAGE_TEXT = LoweredPattern(
    re.compile(
        r"about the job|easy apply|apply|apply now|save|saved|show more|show less|promoted|"
        r"actively recruiting|see who .*|open positions|careers|karriere|vacatures|"
        r"skip to (?:main )?content|ir al contenido(?: principal)?|zum inhalt(?: springen)?|"
        r"aller au contenu(?: principal)?|mehr erfahren|learn more|read more|en savoir plus|"
        r"jetzt bewerben|solliciteer(?: direct| nu)?|postuler|postula(?:r|te)?(?: ahora)?|"
        r"candidatar(?:-se|-me)?|menu|"
        # "Job offer" headings in other languages: the page's, not the job's.
        r"stellenangebote?|stillingsannonse|ledige stillinger|ledig stilling|lediga jobb|"
        r"lediga tjänster|oferta pracy|oferty pracy|lavora con noi|posizioni aperte|"
        r"trabalhe connosco|trabalhe conosco|trabaja con nosotros|ofertas? de (?:empleo|trabajo)|"
        r"offres? d'emploi|nos offres|rejoignez-nous|werken bij|vacature|avoimet työpaikat|"
        r"[\W\d_]*",
        re.IGNORECASE,
    )
)
# Anywhere in the line: a cookie notice, "48 applicants", "Reposted 3 days ago".
_PAGE_NOTE = LoweredPattern(
    re.compile(r"\bcookies?\b|\bapplicants?\b|\b(?:reposted|posted)\b.*\bago\b", re.IGNORECASE)
)
# One of these is in each match of _PAGE_NOTE (tests read it from the pattern).
_NOTE_WORDS = ("cookie", "applicant", "posted")


def is_header_noise(line: str) -> bool:
    """Whether ``line`` (decoration stripped) is page furniture, not a header field.

    ``line`` is one line: it holds no newline.
    """
    bare = strip_decoration(line)
    low = lowered(bare)  # one lower-casing for both patterns
    if _PAGE_TEXT.lowered_fullmatch_span(bare, low) is not None:
        return True
    if low is not None and not any(word in low for word in _NOTE_WORDS):
        return False  # most lines: the twin cannot match without one of its words
    return _PAGE_NOTE.span(bare, low) is not None
