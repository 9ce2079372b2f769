"""The library facade: plain functions over the pure core, re-exported by ``resumecore``.

Each module holds a few public functions with a runnable example; ``resumecore/__init__.py``
imports them lazily so that ``import resumecore`` stays cheap.
"""
