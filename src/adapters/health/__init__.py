"""Readiness probes of dependencies other than the database (which is in ``adapters/sql``)."""
