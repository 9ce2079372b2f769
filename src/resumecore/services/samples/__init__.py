"""Writing-sample use cases: upload, list, read, delete (one class per intention)."""
