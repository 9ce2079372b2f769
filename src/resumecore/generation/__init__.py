"""Generation: tailored resumes and cover letters, written from profile facts only.

The values live below, in ``resumecore.model``: ``model.generation`` holds the ``Generation``
aggregate (stages, states, pinned input versions) and ``model.document`` the written document
(sections of sentences, each naming the profile items it came from). Here are the writers:
``offline_writer`` is the default ``DocumentWriter`` (deterministic, no keys, no model) and
``llm`` the one that asks a language model through the ports.
"""
