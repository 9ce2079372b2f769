"""Tracing adapters: OpenTelemetry (extra ``otel``) and the language-model decorator."""
