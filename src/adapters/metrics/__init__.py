"""Metrics on prometheus_client: the Telemetry adapter and what is read at scrape time."""
