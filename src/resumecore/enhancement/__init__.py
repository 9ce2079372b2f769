"""Profile enhancement: grounded, tighter texts written beside the originals.

``offline.py`` is the default ``ProfileEnhancer`` (``ports/profile_enhancer.py``); ``apply.py``
checks any enhancer's proposal with the grounding verifier and writes what passes.
"""
