"""SQLAlchemy Core tables. The domain is not ORM-mapped; mappers live in the repositories."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    text,
)

from resumecore_server.adapters.sql.types import UtcDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

users = Table(
    "users",
    metadata,
    Column("id", String(36), primary_key=True),
    # The public integer number clients see (resumecore.model.user.public_number of id).
    Column("number", BigInteger, nullable=False, unique=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("full_name", String(100), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("is_active", Boolean, nullable=False),
    Column("is_verified", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

auth_sessions = Table(
    "auth_sessions",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime, nullable=True),
    Index("ix_auth_sessions_user_id", "user_id"),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column(
        "session_id",
        String(36),
        ForeignKey("auth_sessions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("issued_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
    Index("ix_refresh_tokens_session_id", "session_id"),
)

password_reset_tokens = Table(
    "password_reset_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
    Index("ix_password_reset_tokens_user_id", "user_id"),
)

profiles = Table(
    "profiles",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("is_primary", Boolean, nullable=False),
    # The non-list parts as msgspec JSON: identical bytes on SQLite and PostgreSQL.
    Column("personal_info", Text, nullable=False),
    Column("professional_summary", Text, nullable=True),
    Column("enhanced_professional_summary", Text, nullable=True),
    Column("skills", Text, nullable=False),
    Column("custom_fields", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_profiles_user_id", "user_id"),
    # At most one primary profile per user, even when two first profiles race.
    Index(
        "uq_profiles_one_primary_per_user",
        "user_id",
        unique=True,
        sqlite_where=text("is_primary"),
        postgresql_where=text("is_primary"),
    ),
)

profile_components = Table(
    "profile_components",
    metadata,
    Column("profile_id", String(36), ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
    Column("id", String(36), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("position", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    PrimaryKeyConstraint("profile_id", "id"),
    # Counts and last positions of a kind without reading payloads (edits of items by id).
    Index("ix_profile_components_kind_position", "profile_id", "kind", "position"),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(255), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("result", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("user_id", "key"),
    Index("ix_idempotency_keys_created_at", "created_at"),
)

jobs = Table(
    "jobs",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("catalog_id", String(64), nullable=True),
    Column("version", Integer, nullable=False),
    Column("source", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("application_status", String(20), nullable=False),
    Column("employment_type", String(20), nullable=True),
    Column("remote", Boolean, nullable=False),
    Column("search", Text, nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_jobs_user_id_created_at", "user_id", "created_at"),
    Index("uq_jobs_user_id_catalog_id", "user_id", "catalog_id", unique=True),
)

catalog_postings = Table(
    "catalog_postings",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("search", Text, nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

rankings = Table(
    "rankings",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("job_id", String(36), ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("payload", Text, nullable=False),
    Index("ix_rankings_user_id_job_id_created_at", "user_id", "job_id", "created_at"),
)


generations = Table(
    "generations",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    # Not foreign keys: a generation outlives the deletion of its job or profile.
    Column("job_id", String(64), nullable=False),
    Column("profile_id", String(64), nullable=False),
    Column("document_type", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("cache_key", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_generations_user_id_created_at", "user_id", "created_at"),
    Index("ix_generations_user_id_cache_key", "user_id", "cache_key"),
    Index("ix_generations_user_id_status", "user_id", "status"),
)

# Rendered files of generations; the bytes are in the FileStore under ``payload.storage_key``.
exports = Table(
    "exports",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    # Not foreign keys: an export outlives the deletion of its generation or job.
    Column("generation_id", String(64), nullable=False),
    Column("job_id", String(64), nullable=False),
    Column("format", String(20), nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Index("ix_exports_user_id_created_at", "user_id", "created_at"),
    Index("ix_exports_user_id_job_id", "user_id", "job_id"),
)

# A user's own resumes and cover letters; writers follow the active one of each type.
writing_samples = Table(
    "writing_samples",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("document_type", String(20), nullable=False),
    Column("original_filename", String(255), nullable=False),
    Column("word_count", Integer, nullable=False),
    Column("character_count", Integer, nullable=False),
    Column("writing_style", Text, nullable=False),
    Column("full_text", Text, nullable=False),
    Column("is_active", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_writing_samples_user_id_document_type", "user_id", "document_type", "is_active"),
    Index("ix_writing_samples_user_id_created_at", "user_id", "created_at"),
    # At most one active sample per user and type, even when two uploads race.
    Index(
        "uq_writing_samples_one_active",
        "user_id",
        "document_type",
        unique=True,
        sqlite_where=text("is_active"),
        postgresql_where=text("is_active"),
    ),
)

# Language-model tokens per user and UTC day (adapters/sql/llm_usage.py): the daily budget.
llm_usage = Table(
    "llm_usage",
    metadata,
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("prompt_tokens", BigInteger, nullable=False),
    Column("completion_tokens", BigInteger, nullable=False),
    Column("calls", Integer, nullable=False),
)

# Validated model replies by content key (adapters/sql/llm_usage.py): a repeat costs nothing.
llm_replies = Table(
    "llm_replies",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("reply", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_llm_replies_created_at", "created_at"),
)

# The embedded task queue (adapters/sql/task_queue.py): claimed with one conditional UPDATE.
tasks = Table(
    "tasks",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(64), nullable=False),
    Column("subject_id", String(64), nullable=False),
    Column("state", String(10), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("available_at", UtcDateTime, nullable=False),
    Column("lease_until", UtcDateTime, nullable=True),
    Column("worker", Text, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_tasks_state_available_at", "state", "available_at"),
)
