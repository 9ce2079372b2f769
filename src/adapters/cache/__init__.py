"""Implementations of the ``SharedCache`` port (Redis, process memory, none) and layers on it."""
