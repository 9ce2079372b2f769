"""Bounded worker pools for CPU-bound work, one per kind of work."""
