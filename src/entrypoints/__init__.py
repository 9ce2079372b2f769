"""Entrypoints: settings, the composition root, the HTTP app and the CLI."""
