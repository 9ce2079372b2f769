"""Which fonts the PDF templates use, and which characters they can draw.

The typst wheel embeds Libertinus Serif, New Computer Modern and DejaVu Sans Mono, but not a
proportional sans, so the package bundles DejaVu Sans and DejaVu Serif (regular, bold, italic:
Latin, Greek, Cyrillic; ``fonts/``), and the app's names map to those files:

- Arial, Helvetica, Calibri -> DejaVu Sans;
- Times New Roman -> DejaVu Serif.

Were those files missing, both would fall back to Libertinus Serif (embedded) and coverage is
taken as Latin, Greek and Cyrillic (what Libertinus draws). System fonts are otherwise ignored,
so a PDF looks the same on every machine. Coverage is read from the font file's ``cmap`` table
(formats 4 and 12) with the standard library only.

Extra fonts (``RESUMECORE_EXTRA_FONT_DIRS``, colon-separated; by default Debian's
``fonts-noto-cjk`` folder when it exists) are fallbacks: Typst gets the primary family first
and then each extra family, and a character counts as drawable if any of them has it. So
Chinese, Japanese and Korean text renders with Noto Sans/Serif CJK (from a ``.ttc``
collection, its first face: the JP one), and without those fonts it is still a
``RenderError`` naming the characters. Only each folder's ``*Regular*`` files (all its font
files if none is so named) are read for family names and coverage; Typst finds the other
weights itself. The extra folders are read, and given to Typst, only for a document with a
character the primary font cannot draw (``font_drawing``): loaded, the Noto CJK collections
add about 26 MB to a PDF export's peak memory, which a Latin document never needs.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Bundled first (the same PDF on every machine; DejaVu's licence is in fonts/LICENSE), then
# where Debian and others install the same files.
BUNDLED_FONTS = Path(__file__).parent / "fonts"
FONT_DIRS = (
    BUNDLED_FONTS,
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
)
NOTO_CJK_DIR = Path("/usr/share/fonts/opentype/noto")
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
_FILES = {"DejaVu Sans": "DejaVuSans.ttf", "DejaVu Serif": "DejaVuSerif.ttf"}
_FAMILY = {
    "Arial": "DejaVu Sans",
    "Helvetica": "DejaVu Sans",
    "Calibri": "DejaVu Sans",
    "Times New Roman": "DejaVu Serif",
}
EMBEDDED = "Libertinus Serif"
# What Libertinus Serif draws, roughly: Latin (incl. extended), IPA, Greek, Cyrillic,
# punctuation, currency, letterlike symbols, arrows, maths operators (ranges inclusive).
_EMBEDDED_RANGES = (
    (0x20, 0x7E), (0xA0, 0x24F), (0x250, 0x2FF), (0x370, 0x3FF), (0x400, 0x52F),
    (0x1E00, 0x1FFF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F), (0x2190, 0x21FF),
    (0x2200, 0x22FF), (0xFB00, 0xFB06),
)  # fmt: skip


@dataclass(frozen=True)
class Font:
    """A family Typst is told to use, the folders it loads from, and what it can draw."""

    family: str
    dirs: tuple[str, ...]
    coverage: frozenset[int] | None  # None: the embedded ranges
    fallbacks: tuple[Fallback, ...] = ()

    @property
    def families(self) -> list[str]:
        """What Typst is told to use, in order: the family, then the fallbacks."""
        return [self.family, *(f.family for f in self.fallbacks)]

    def draws(self, char: str) -> bool:
        """Whether the font or a fallback has a glyph for ``char`` (spaces always count)."""
        code = ord(char)
        if char.isspace():
            return True
        if any(code in f.coverage for f in self.fallbacks):
            return True
        if self.coverage is not None:
            return code in self.coverage
        return any(low <= code <= high for low, high in _EMBEDDED_RANGES)


@dataclass(frozen=True)
class Fallback:
    """An extra family (from ``RESUMECORE_EXTRA_FONT_DIRS``) and what it draws."""

    family: str
    coverage: frozenset[int]


def default_extra_font_dirs() -> tuple[str, ...]:
    """Debian's Noto CJK folder (``fonts-noto-cjk``) when it is there, else nothing."""
    return (str(NOTO_CJK_DIR),) if NOTO_CJK_DIR.is_dir() else ()


def parse_font_dirs(value: str | None) -> tuple[str, ...]:
    """``RESUMECORE_EXTRA_FONT_DIRS``: None is the default, ``""`` none, else ``a:b:c``."""
    if value is None:
        return default_extra_font_dirs()
    return tuple(part.strip() for part in value.split(":") if part.strip())


@cache
def font_for(name: str, extra_dirs: tuple[str, ...] = ()) -> Font:
    """The font used for the app's font name ``name``, with the extra folders' fallbacks."""
    fallbacks = extra_fonts(extra_dirs)
    extra = tuple(d for d in extra_dirs if Path(d).is_dir())
    family = _FAMILY.get(name, "DejaVu Sans")
    for folder in FONT_DIRS:
        path = folder / _FILES[family]
        if path.is_file():
            coverage = frozenset(cmap_codepoints(path.read_bytes()))
            return Font(family, (str(folder), *extra), coverage, fallbacks)
    return Font(EMBEDDED, extra, None, fallbacks)


def font_drawing(name: str, extra_dirs: tuple[str, ...], chars: Iterable[str]) -> Font:
    """The font for ``name`` alone if it draws every one of ``chars``, else with the fallbacks.

    So the extra folders (``extra_dirs``) are read and loaded only for a text that needs them.
    """
    primary = font_for(name)
    if not extra_dirs or all(primary.draws(char) for char in chars):
        return primary
    return font_for(name, extra_dirs)


@cache
def extra_fonts(dirs: tuple[str, ...]) -> tuple[Fallback, ...]:
    """One fallback per family found in ``dirs`` (missing folders and bad files are skipped)."""
    found: dict[str, Fallback] = {}
    for folder in dirs:
        path = Path(folder)
        if not path.is_dir():
            continue
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in _FONT_SUFFIXES)
        regular = [p for p in files if "regular" in p.stem.lower()]
        for file in regular or files:
            try:
                data = file.read_bytes()
                base = face_offset(data)
                family = family_name(data, base)
                coverage = frozenset(cmap_codepoints(data, base))
            except (OSError, struct.error, UnicodeDecodeError):
                continue
            if family and coverage and family not in found:
                found[family] = Fallback(family, coverage)
    return tuple(found.values())


def face_offset(font: bytes) -> int:
    """Where the first face's table directory starts (0, or its offset in a collection)."""
    if font[:4] == b"ttcf":
        return int(struct.unpack_from(">I", font, 12)[0])
    return 0


def _table(font: bytes, base: int, wanted: bytes) -> int | None:
    tables = struct.unpack_from(">H", font, base + 4)[0]
    for i in range(tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", font, base + 12 + 16 * i)
        if tag == wanted:
            return int(offset)
    return None


def family_name(font: bytes, base: int = 0) -> str:
    """The face's family (name ID 16, else 1), from its Windows Unicode names (English first)."""
    table = _table(font, base, b"name")
    if table is None:
        return ""
    count, strings = struct.unpack_from(">HH", font, table + 2)
    names: dict[tuple[int, int], str] = {}
    for i in range(count):
        platform, encoding, language, name_id, length, offset = struct.unpack_from(
            ">HHHHHH", font, table + 6 + 12 * i
        )
        if platform == 3 and encoding in {1, 10} and name_id in {1, 16}:
            start = table + strings + offset
            text = font[start : start + length].decode("utf-16-be")
            key = (name_id, 0 if language == 0x409 else 1)
            names.setdefault(key, text)
    for key in ((16, 0), (16, 1), (1, 0), (1, 1)):
        if key in names:
            return names[key]
    return ""


def cmap_codepoints(font: bytes, base: int = 0) -> set[int]:
    """The code points a TrueType/OpenType font maps to glyphs (cmap format 12, else 4).

    ``base`` is where the face's table directory starts (see ``face_offset``).
    """
    cmap = _table(font, base, b"cmap")
    if cmap is None:
        return set()
    count = struct.unpack_from(">H", font, cmap + 2)[0]
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", font, cmap + 4 + 8 * i)
        fmt = struct.unpack_from(">H", font, cmap + offset)[0]
        subtables[(platform, encoding, fmt)] = cmap + offset
    if (start := subtables.get((3, 10, 12))) is not None:
        return _format12(font, start)
    if (start := subtables.get((3, 1, 4))) is not None:
        return _format4(font, start)
    return set()


def _format12(font: bytes, start: int) -> set[int]:
    groups = struct.unpack_from(">I", font, start + 12)[0]
    out: set[int] = set()
    for i in range(groups):
        first, last, glyph = struct.unpack_from(">III", font, start + 16 + 12 * i)
        out.update(c for c in range(first, last + 1) if glyph + (c - first))
    return out


def _format4(font: bytes, start: int) -> set[int]:
    segments = struct.unpack_from(">H", font, start + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", font, start + 14)
    starts = struct.unpack_from(f">{segments}H", font, start + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", font, start + 16 + 4 * segments)
    range_at = start + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", font, range_at)
    out: set[int] = set()
    for i in range(segments):
        for code in range(starts[i], ends[i] + 1):
            if code == 0xFFFF:
                continue
            if offsets[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                at = range_at + 2 * i + offsets[i] + 2 * (code - starts[i])
                glyph = struct.unpack_from(">H", font, at)[0]
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                out.add(code)
    return out
