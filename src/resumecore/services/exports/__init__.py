"""Use cases of exports: render a generation to a file, list, read, delete, download."""
