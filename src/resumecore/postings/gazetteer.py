"""The world's towns of 15,000 people or more (GeoNames): is a name read as a place a town?

The list (``data/cities.tsv.gz``, built by ``scripts/build_places.py``) is read once, on first
use. It only ever confirms or ranks a place the parser already read; it never finds a town in
prose by itself, and a town it does not know (a small or invented one) is still a town.
"""

from __future__ import annotations

import gzip
import re
from array import array
from bisect import bisect_left
from functools import cache
from importlib import resources

_FILE = "cities.tsv.gz"


class _Towns:
    """Town sizes by name, compact: sorted name hashes and their sizes in two arrays.

    A dict of the 77,000 names held ~7.7 MB; the arrays hold under 1 MB. ``hash`` is only
    stable within one process, so the table is built in the process that reads it; two of
    the names sharing a 64-bit hash is as unlikely as to be ignored.
    """

    def __init__(self, sizes: dict[str, int]) -> None:
        pairs = sorted((hash(name), size) for name, size in sizes.items())
        # Case folding never shortens a name: a longer name is no known town.
        self.longest = max(map(len, sizes), default=0)
        self._hashes = array("q", (h for h, _ in pairs))
        self._sizes = array("L", (size for _, size in pairs))

    def size(self, key: str) -> int:
        wanted = hash(key)
        at = bisect_left(self._hashes, wanted)
        found = at < len(self._hashes) and self._hashes[at] == wanted
        return self._sizes[at] if found else 0

    def __len__(self) -> int:
        return len(self._hashes)


def _read_sizes() -> dict[str, int]:
    raw = resources.files("resumecore.data").joinpath(_FILE).read_bytes()
    sizes: dict[str, int] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        population, _country, *names = line.split("\t")
        size = int(population)
        for name in names:
            # Largest first: a name keeps the size of the largest town it names.
            sizes.setdefault(name.casefold(), size)
    return sizes


@cache
def _towns() -> _Towns:
    return _Towns(_read_sizes())


def town_size(name: str) -> int:
    """The population of the largest known town called ``name`` (any case), 0 if none."""
    return _towns().size(name.strip().casefold())


def is_town(name: str) -> bool:
    """``"Hamburg"``, ``"Wien"``, ``"Zurich"`` -> True; ``"Midwifery"`` -> False."""
    return town_size(name) > 0


_WORD = re.compile(r"[A-ZÀ-Þ][\w'\u2019.]*(?:-[\w'\u2019.]+)*")
_RUN = re.compile(rf"{_WORD.pattern}(?: {_WORD.pattern})*")
_LARGE = 100_000
_CUT = re.compile(r"[ -]")
_ONE_WORD = re.compile(r" [A-ZÀ-Þ][\w'\u2019]+")
# Words that make a place's own name ("Riverside Heights", "Springfield Gardens"): no district.
_PLACE_NOUN = re.compile(
    r"(?i:heights|gardens|park|hills?|valley|springs?|beach|falls|lakes?|village|grove|city|"
    r"township|junction|bay|harbou?r|point|creek|ridge|woods?|meadows|estates?|square|"
    r"cent(?:er|re)|town|north|south|east|west|mills?|landing|crossing|station|airport)"
)


def district_town(name: str, *, spaced: bool = False) -> str | None:
    """``"Hamburg-Altona"``, ``"Lyon Part-Dieu"`` -> the larger town the district belongs to.

    The name's head must be a known town larger than the whole name and its tail a district's
    hyphenated name, or, when ``spaced`` (the name was read as a place already), one more word
    after a large town that is no place noun ("Rotterdam Waalhaven"; not "Riverside Heights",
    and "Apex Precision" may be a business):
    ``"Winston-Salem"`` (Winston is no larger town), ``"Spokane Valley"`` (a town itself) and
    ``"Laurel Springs"`` (a small town and no hyphen) name no district.
    """
    whole: int | None = None
    for cut in (m.start() for m in _CUT.finditer(name)):
        head = name[:cut]
        if len(head.strip()) > _towns().longest:
            # No later, longer head is a town either, and a head that is none names no district:
            # reading on cut a long hyphenated run at each hyphen ("A-A-A-...": quadratic).
            break
        tail = name[cut:]
        hyphenated = "-" in tail and tail[1:2].isupper()
        if not (hyphenated or spaced):
            continue  # neither a district's hyphenated name nor one more word: no look-up
        whole = town_size(name) if whole is None else whole
        size = town_size(head)
        one_word = (
            spaced
            and whole == 0
            and size >= _LARGE
            and _ONE_WORD.fullmatch(tail)
            and not _PLACE_NOUN.fullmatch(tail[1:])
        )
        if (hyphenated or one_word) and size > whole and size > town_size(tail[1:]):
            return head
    return None


def town_within(value: str) -> str | None:
    """The known town a place written with other words around it names.

    ``"siège de Lyon Part-Dieu"`` -> ``"Lyon"``, ``"Garage Wien-Floridsdorf"`` -> ``"Wien"``:
    the first capitalised run, when it is a town or ends in a district of one ("Riverside
    Heights" is neither Riverside nor Heights; in "Welshpool (Perth)" Welshpool is the place).
    ``None`` when it names none.
    """
    run = _RUN.search(value)
    words = run.group(0).split(" ") if run else []
    for start in range(len(words)):
        name = " ".join(words[start:])
        district = district_town(name)
        if district or (start == 0 and is_town(name)):
            return district or name
    return None
