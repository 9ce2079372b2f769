"""One SQL adapter for SQLite (aiosqlite) and PostgreSQL (asyncpg), chosen by URL."""
