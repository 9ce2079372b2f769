"""Renderers and the file reader, imported on their first use rather than at start-up.

python-docx (with lxml), pypdf and the typst compiler cost about 31 MB of resident memory; a
server that never exports should not carry them. Whether an adapter *can* be imported is still
known at start-up, without importing it: ``missing_import`` reads the adapter's top-level
imports (and those of the project modules it imports) and looks each package up with
``importlib.util.find_spec``.
"""

from __future__ import annotations

import ast
import asyncio
import functools
import importlib
import importlib.util
import os
import threading
from typing import Any

from resumecore.exports.templates import ExportFormat, RenderOptions
from resumecore.model.document import WrittenDocument
from resumecore.ports.renderer import RenderedFile, Renderer, RenderError


def missing_import(module: str) -> str | None:
    """Why ``module`` cannot be imported (``No module named 'typst'``), or None if it can.

    Only module-level imports count: an import inside a function or a ``try`` is optional.
    """
    seen: set[str] = set()
    pending = [module]
    project = module.split(".", 1)[0]
    while pending:
        name = pending.pop()
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            return f"No module named '{name}'"
        seen.add(name)
        for imported in _top_level_imports(spec.origin):
            if imported.split(".", 1)[0] == project:
                if imported not in seen:
                    pending.append(imported)
            elif importlib.util.find_spec(imported.split(".", 1)[0]) is None:
                return f"No module named '{imported.split('.', 1)[0]}'"
    return None


def _top_level_imports(path: str) -> list[str]:
    # Every app build asks again (each test builds one): a file is parsed once per version.
    stat = os.stat(path)
    return list(_imports_of(path, stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=256)
def _imports_of(path: str, _mtime_ns: int, _size: int) -> tuple[str, ...]:
    with open(path, "rb") as source:
        tree = ast.parse(source.read(), path)
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return tuple(name for name in names if name != "__future__")


class _Loader:
    """Imports ``module`` and builds ``name(**kwargs)`` once, whichever thread asks first."""

    def __init__(self, module: str, name: str, kwargs: dict[str, Any]) -> None:
        self._module, self._name, self._kwargs = module, name, kwargs
        self._lock = threading.Lock()
        self._instance: Any = None
        self._error: Exception | None = None

    def load(self) -> Any:
        """The instance; the import's error (kept, not retried) if it cannot be imported."""
        with self._lock:
            if self._instance is None and self._error is None:
                try:
                    adapter = getattr(importlib.import_module(self._module), self._name)
                    self._instance = adapter(**self._kwargs)
                except (ImportError, AttributeError) as exc:
                    self._error = exc
            if self._error is not None:
                raise self._error
            return self._instance

    async def aload(self) -> Any:
        """``load`` off the event loop: an import takes a while and must not stall requests."""
        if self._instance is not None:
            return self._instance
        return await asyncio.to_thread(self.load)


class RendererOnFirstUse:
    """A ``Renderer`` whose adapter module is imported when the first document is rendered."""

    def __init__(self, export_format: ExportFormat, module: str, name: str, **kwargs: Any) -> None:
        self.format: ExportFormat = export_format
        self._loader = _Loader(module, name, kwargs)

    async def render(
        self, document: WrittenDocument, template_id: str, options: RenderOptions
    ) -> RenderedFile:
        """The adapter's file, or ``RenderError`` (also when the adapter cannot be imported)."""
        try:
            renderer: Renderer = await self._loader.aload()
        except (ImportError, AttributeError) as exc:
            msg = f"{self.format} export is not available on this server ({exc})"
            raise RenderError(msg) from exc
        return await renderer.render(document, template_id, options)


class FileReaderOnFirstUse:
    """A ``FileReader`` whose adapter module is imported when the first file is read back."""

    def __init__(self, module: str, name: str) -> None:
        self._loader = _Loader(module, name, {})

    async def text(self, content: bytes, file_format: ExportFormat) -> str:
        """The file's text in reading order (the adapter's import error if it has none)."""
        reader = await self._loader.aload()
        text: str = await reader.text(content, file_format)
        return text
