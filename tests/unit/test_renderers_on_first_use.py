"""Renderers imported on first use: known at start-up, imported once, errors as before."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from resumecore.exports.templates import RenderOptions
from resumecore.ports.renderer import RenderError
from resumecore_server.adapters.render.markdown import MarkdownRenderer
from resumecore_server.adapters.render.on_first_use import RendererOnFirstUse, missing_import
from resumecore_server.entrypoints import bootstrap
from resumecore_server.entrypoints.bootstrap import available_renderers
from tests.unit.test_renderers import written


@pytest.fixture
def fake_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An importable package ``rcfake`` whose modules the test writes (fresh for each test)."""
    package = tmp_path / "rcfake"
    package.mkdir()
    (package / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield package
    for name in [name for name in sys.modules if name.split(".")[0] == "rcfake"]:
        del sys.modules[name]


def test_a_missing_package_is_named_without_importing_anything(fake_package: Path) -> None:
    (fake_package / "needs.py").write_text("import json\nimport rc_no_such_package.sub\n")
    (fake_package / "outer.py").write_text("from rcfake.needs import x\n")
    (fake_package / "optional.py").write_text(
        "import json\n\ndef later():\n    import rc_no_such_package\n"
        "try:\n    import rc_no_such_package\nexcept ImportError:\n    pass\n"
    )
    assert missing_import("rcfake.needs") == "No module named 'rc_no_such_package'"
    assert missing_import("rcfake.outer") == "No module named 'rc_no_such_package'"
    assert missing_import("rcfake.optional") is None
    assert missing_import("rcfake.absent") == "No module named 'rcfake.absent'"


def test_every_installed_renderer_is_found_and_none_is_imported_yet() -> None:
    for _, module, _ in bootstrap.RENDERER_ADAPTERS:
        assert missing_import(module) is None, module
    assert set(available_renderers().by_format) == {"pdf", "docx", "markdown"}


async def test_a_renderer_renders_as_its_adapter_does() -> None:
    resume, _ = await written()
    renderer = available_renderers().get("markdown")
    assert renderer is not None
    assert renderer.format == "markdown"
    options = RenderOptions()
    lazy = await renderer.render(resume, "classic", options)
    assert lazy == await MarkdownRenderer().render(resume, "classic", options)


def test_a_format_without_its_packages_is_left_out_and_logged(
    fake_package: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (fake_package / "broken_pdf.py").write_text("import rc_no_such_typst\n")
    table = (("pdf", "rcfake.broken_pdf", "Renderer"), bootstrap.RENDERER_ADAPTERS[2])
    monkeypatch.setattr(bootstrap, "RENDERER_ADAPTERS", table)
    with caplog.at_level(logging.WARNING, "resumecore.bootstrap"):
        renderers = available_renderers()
    assert renderers.get("pdf") is None
    assert renderers.get("markdown") is not None
    assert "pdf (No module named 'rc_no_such_typst')" in caplog.text


async def test_an_adapter_that_fails_to_import_later_is_a_render_error(
    fake_package: Path,
) -> None:
    (fake_package / "late.py").write_text("raise ImportError('libtypst.so is missing')\n")
    resume, _ = await written()
    renderer = RendererOnFirstUse("pdf", "rcfake.late", "Renderer")
    for _ in range(2):  # the failure is kept, not retried
        with pytest.raises(RenderError, match=r"pdf export is not available.*libtypst\.so"):
            await renderer.render(resume, "classic", RenderOptions())


async def test_threads_racing_for_the_first_use_build_one_adapter(fake_package: Path) -> None:
    (fake_package / "counted.py").write_text(
        "import time\nbuilt = []\n\nclass Renderer:\n"
        "    def __init__(self, **kwargs):\n"
        "        time.sleep(0.05)\n        built.append(kwargs)\n"
    )
    renderer = RendererOnFirstUse("markdown", "rcfake.counted", "Renderer", colour="red")
    loaded: list[object] = []
    threads = [
        threading.Thread(target=lambda: loaded.append(renderer._loader.load())) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    import rcfake.counted  # type: ignore[import-not-found]

    assert rcfake.counted.built == [{"colour": "red"}]
    assert len({id(adapter) for adapter in loaded}) == 1
