"""Exports: a generation's document rendered as a file (PDF, DOCX, Markdown, JSON Resume)."""
