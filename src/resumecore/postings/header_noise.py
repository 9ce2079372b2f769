"""Lines at the top of a paste that are never a header field: links, banners, page headings.

"Easy Apply", "Skip to main content", "Mehr erfahren", a cookie notice, "Stillingsannonse"
(the page's "job offer" heading), "48 applicants", a line of punctuation.
"""

from __future__ import annotations

import re

from resumecore.postings.line_parts import strip_decoration
from resumecore.postings.lowered_match import LoweredPattern

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


def is_header_noise(line: str) -> bool:
    """Whether ``line`` (decoration stripped) is page furniture, not a header field.

    ``line`` is one line: it holds no newline.
    """
    bare = strip_decoration(line)
    return _PAGE_TEXT.fullmatch_span(bare) is not None or _PAGE_NOTE.search(bare)
