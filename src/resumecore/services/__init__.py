"""Use cases: one class per user intention, each running in its own unit of work."""
