"""The PDF fonts ship with the package, so a PDF looks the same on every machine."""

from __future__ import annotations

from resumecore_server.adapters.render.fonts import BUNDLED_FONTS, font_for


def test_the_apps_font_names_use_the_bundled_dejavu_files() -> None:
    for name, family in (("Arial", "DejaVu Sans"), ("Times New Roman", "DejaVu Serif")):
        font = font_for(name)

        assert font.family == family
        assert font.dirs[0] == str(BUNDLED_FONTS)
        assert font.coverage is not None
        for text in ("Ærøskøbing", "Ελληνικά", "Кириллица"):  # Latin, Greek, Cyrillic
            assert all(ord(c) in font.coverage for c in text), (name, text)
    assert (BUNDLED_FONTS / "LICENSE").is_file()
    assert len(list(BUNDLED_FONTS.glob("DejaVu*.ttf"))) == 8
