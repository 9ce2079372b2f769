"""Generation: tailored resumes and cover letters, written from profile facts only.

``model`` holds the ``Generation`` aggregate (stages, states, pinned input versions) and the
written document (sections of sentences, each naming the profile items it came from);
``offline_writer`` is the default ``DocumentWriter``: deterministic, no keys, no model.
"""
