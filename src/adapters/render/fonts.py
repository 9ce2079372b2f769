"""Which fonts the PDF templates use, and which characters they can draw.

The typst wheel embeds Libertinus Serif, New Computer Modern and DejaVu Sans Mono, but not a
proportional sans. The project's machines have Debian's ``fonts-dejavu-core`` (DejaVu Sans and
DejaVu Serif), so the app's names map to those files:

- Arial, Helvetica, Calibri -> DejaVu Sans;
- Times New Roman -> DejaVu Serif.

Where those files are missing, both fall back to Libertinus Serif (embedded) and coverage is
taken as Latin, Greek and Cyrillic (what Libertinus draws). System fonts are otherwise ignored,
so a PDF looks the same on every machine. Coverage is read from the font file's ``cmap`` table
(formats 4 and 12) with the standard library only.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
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

    def draws(self, char: str) -> bool:
        """Whether the font has a glyph for ``char`` (spaces always count)."""
        code = ord(char)
        if char.isspace():
            return True
        if self.coverage is not None:
            return code in self.coverage
        return any(low <= code <= high for low, high in _EMBEDDED_RANGES)


@cache
def font_for(name: str) -> Font:
    """The font used for the app's font name ``name``."""
    family = _FAMILY.get(name, "DejaVu Sans")
    for folder in FONT_DIRS:
        path = folder / _FILES[family]
        if path.is_file():
            return Font(family, (str(folder),), frozenset(cmap_codepoints(path.read_bytes())))
    return Font(EMBEDDED, (), None)


def cmap_codepoints(font: bytes) -> set[int]:
    """The code points a TrueType/OpenType font maps to glyphs (cmap format 12, else 4)."""
    tables = struct.unpack_from(">H", font, 4)[0]
    cmap = None
    for i in range(tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", font, 12 + 16 * i)
        if tag == b"cmap":
            cmap = offset
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
