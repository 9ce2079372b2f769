"""Master profiles: create, read, edit atomically, delete, analyse, import and export."""
