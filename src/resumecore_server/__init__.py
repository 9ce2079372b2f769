"""The HTTP service, storage and workers of resumecore, installed with ``resumecore[server]``.

The repository keeps the design's top-level folders ``src/adapters`` and ``src/entrypoints``;
this package is the one import name they are reached and installed under
(``resumecore_server.adapters``, ``resumecore_server.entrypoints``), so installing resumecore never
claims a generic top-level name such as ``entrypoints`` (a PyPI package of its own).
"""
