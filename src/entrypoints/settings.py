"""Settings from ``RESUMECORE_*`` environment variables, with embedded defaults."""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import msgspec

from resumecore_server.entrypoints.secrets_file import load_or_create_secret

PREFIX = "RESUMECORE_"
MIN_PRODUCTION_BCRYPT_ROUNDS = 12
MIN_SECRET_BYTES = 32
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_UNKNOWN_FIELD = re.compile(r"Object contains unknown field `(?P<name>[^`]*)`")
_AT_FIELD = re.compile(r"(?P<problem>.*) - at `\$\.(?P<name>[a-z0-9_]+)`")


class Settings(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    """Every tunable of the service. ``RESUMECORE_<FIELD>`` sets a field (upper-case name)."""

    environment: Literal["production", "development", "test"] = "production"
    data_dir: str = "./var"
    database_url: str = ""
    secret_key: str = ""
    password_pepper: str = ""
    redis_url: str = ""
    # The TaskQueue: the database's ``tasks`` table, or saq on RESUMECORE_REDIS_URL.
    queue: Literal["embedded", "saq"] = "embedded"
    bcrypt_rounds: int = 12
    access_token_ttl_seconds: int = 900
    public_base_url: str = "http://127.0.0.1:8000"
    mail_from: str = "resumecore <no-reply@resumecore.local>"
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = True
    login_failure_limit: int = 5
    login_failure_window_seconds: int = 900
    login_account_failure_limit: int = 50
    refresh_reuse_grace_seconds: int = 30
    ip_requests_per_minute: int = 100
    costly_requests_per_user: int = 2
    generations_per_hour: int = 30
    generations_concurrent: int = 2
    # Embedded generation workers in each server process (0: only `resumecore worker` runs them).
    generation_workers: int = 2
    # A worker that stops renewing its lease (crashed) loses the task after this long.
    generation_lease_seconds: float = 30.0
    trust_forwarded_for: bool = False
    trusted_proxies: str = "127.0.0.1"
    # None: the environment's default (loopback origins in development, none otherwise).
    cors_origins: str | None = None
    max_body_bytes: int = 1024 * 1024
    log_level: str = "INFO"
    embedder: Literal["none", "minilm"] = "none"
    # A deep link for reset mails, e.g. ``jobwise://reset?token={token}`` (else the web page).
    reset_url_template: str = ""
    # Server limits (uvicorn): whole-header deadline, idle keep-alive, open connections.
    http_header_timeout_seconds: float = 10.0
    http_keep_alive_seconds: int = 5
    http_max_connections: int = 1000
    # Exported files are kept this long; their signed download links work this long.
    export_ttl_days: int = 30
    export_link_ttl_seconds: int = 900
    # Expired exports (records and files) are removed this often by the workers (0: never).
    export_sweep_seconds: float = 3600.0
    # Fallback font folders for PDFs, colon-separated ("" none; unset: Noto CJK's if installed).
    extra_font_dirs: str | None = None
    # The FileStore: files under <data dir>/exports, or objects in an S3 bucket (any S3 API).
    file_store: Literal["local", "s3"] = "local"
    s3_bucket: str = ""
    # Empty: AWS itself; else e.g. ``http://minio:9000``.
    s3_endpoint_url: str = ""
    s3_region: str = ""
    # Empty: boto3's credential chain (AWS_* variables, instance or task roles).
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    # The writer used when a request names none. "llm" needs a model (RESUMECORE_LLM_MODEL).
    writer: Literal["offline", "llm"] = "offline"
    # Any OpenAI-compatible server: OpenAI, Groq, Ollama, vLLM, llama.cpp. Empty base URL: OpenAI.
    llm_base_url: str = ""
    llm_api_key: str = ""
    llm_model: str = ""
    # How the server is asked for JSON (servers differ); replies are validated locally anyway.
    llm_structured_output: Literal["json_schema", "json_object", "prompt_only"] = "json_schema"
    llm_timeout_seconds: float = 60.0
    llm_max_retries: int = 2
    # Names, e-mails, phones, street addresses and URLs leave the process as placeholders.
    llm_redact: bool = True
    # Prompts and replies are logged only when this is true.
    llm_log_prompts: bool = False
    # Tokens one user may spend per UTC day (0: no model calls at all).
    llm_tokens_per_day: int = 200_000

    # Operations (docs/operations.md). GET /metrics needs "Authorization: Bearer <token>" when set.
    metrics_token: str = ""
    # OpenTelemetry traces over OTLP/HTTP, e.g. http://collector:4318 ("" turns tracing off).
    otel_endpoint: str = ""
    otel_service_name: str = "resumecore"
    # The shared Redis cache (catalog pages, parsed postings, embeddings, model replies).
    cache_ttl_seconds: int = 3600
    # PostgreSQL connection pool of each process (SQLite uses one connection per operation).
    db_pool_size: int = 10
    db_max_overflow: int = 10
    # The posting parser asks the language model too (evidence-checked); needs a model.
    parser_llm_assist: bool = False

    @property
    def llm_configured(self) -> bool:
        """A model is named and there is a key or a server (a local server needs no key)."""
        return bool(self.llm_model and (self.llm_api_key or self.llm_base_url))

    def __repr__(self) -> str:
        return f"Settings(environment={self.environment!r}, data_dir={self.data_dir!r}, ...)"

    @property
    def data_path(self) -> Path:
        """The data directory as a path."""
        return Path(self.data_dir)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the environment, then fill in generated secrets and the default database.

        Raises:
            ValueError: an unknown ``RESUMECORE_`` variable, a bad value, a short secret, or a
                bcrypt cost under 12 in production.
        """
        source = os.environ if env is None else env
        raw = {k[len(PREFIX) :].lower(): v for k, v in source.items() if k.startswith(PREFIX)}
        try:
            settings = msgspec.convert(raw, cls, strict=False)
        except msgspec.ValidationError as exc:
            msg = f"invalid settings: {_named_as_variables(str(exc))}"
            raise ValueError(msg) from None
        return settings.completed()

    def completed(self) -> Settings:
        """Fill generated secrets and defaults, then validate."""
        data = self.data_path
        settings = msgspec.structs.replace(
            self,
            database_url=self.database_url
            or f"sqlite+inline:///{(data / 'resumecore.db').resolve()}",
            secret_key=self.secret_key or load_or_create_secret(data / "secret_key"),
            password_pepper=self.password_pepper or load_or_create_secret(data / "password_pepper"),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        """Refuse configurations that are unsafe to run."""
        if self.queue == "saq" and not self.redis_url:
            msg = "RESUMECORE_QUEUE=saq needs RESUMECORE_REDIS_URL (the Redis the queue lives in)"
            raise ValueError(msg)
        if self.file_store == "s3" and not self.s3_bucket:
            msg = "RESUMECORE_FILE_STORE=s3 needs RESUMECORE_S3_BUCKET (the bucket files go to)"
            raise ValueError(msg)
        if self.reset_url_template and "{token}" not in self.reset_url_template:
            msg = "RESUMECORE_RESET_URL_TEMPLATE must contain {token}"
            raise ValueError(msg)
        if len(self.secret_key.encode()) < MIN_SECRET_BYTES:
            msg = f"RESUMECORE_SECRET_KEY must be at least {MIN_SECRET_BYTES} bytes"
            raise ValueError(msg)
        self._validate_network_settings()
        if self.environment == "production" and self.bcrypt_rounds < MIN_PRODUCTION_BCRYPT_ROUNDS:
            msg = (
                "RESUMECORE_BCRYPT_ROUNDS must be at least "
                f"{MIN_PRODUCTION_BCRYPT_ROUNDS} in production"
            )
            raise ValueError(msg)
        if not 4 <= self.bcrypt_rounds <= 31:
            msg = "RESUMECORE_BCRYPT_ROUNDS must be between 4 and 31"
            raise ValueError(msg)
        if self.costly_requests_per_user < 1:
            msg = "RESUMECORE_COSTLY_REQUESTS_PER_USER must be at least 1"
            raise ValueError(msg)
        if min(self.generations_per_hour, self.generations_concurrent) < 1:
            msg = "RESUMECORE_GENERATIONS_PER_HOUR and _CONCURRENT must be at least 1"
            raise ValueError(msg)
        if not 1 <= self.generation_lease_seconds <= 3600:
            msg = "RESUMECORE_GENERATION_LEASE_SECONDS must be between 1 and 3600"
            raise ValueError(msg)
        if not 1 <= self.export_ttl_days <= 3650:
            msg = "RESUMECORE_EXPORT_TTL_DAYS must be between 1 and 3650"
            raise ValueError(msg)
        if not 10 <= self.export_link_ttl_seconds <= 7 * 24 * 3600:
            msg = "RESUMECORE_EXPORT_LINK_TTL_SECONDS must be between 10 and 604800"
            raise ValueError(msg)
        self._validate_export_sweep()
        self._validate_llm()
        self._validate_process()

    def _validate_process(self) -> None:
        """Checked here, not when each server process sets itself up (a traceback per process)."""
        if not 0 <= self.generation_workers <= 32:
            msg = "RESUMECORE_GENERATION_WORKERS must be between 0 and 32"
            raise ValueError(msg)
        if self.log_level.upper() not in LOG_LEVELS:
            msg = f"RESUMECORE_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}"
            raise ValueError(msg)

    def _validate_llm(self) -> None:
        if self.writer == "llm" and not self.llm_configured:
            msg = (
                "RESUMECORE_WRITER=llm needs RESUMECORE_LLM_MODEL and RESUMECORE_LLM_API_KEY "
                "(or RESUMECORE_LLM_BASE_URL for a local server)"
            )
            raise ValueError(msg)
        if not 0.1 <= self.llm_timeout_seconds <= 600:
            msg = "RESUMECORE_LLM_TIMEOUT_SECONDS must be between 0.1 and 600"
            raise ValueError(msg)
        if not 0 <= self.llm_max_retries <= 10:
            msg = "RESUMECORE_LLM_MAX_RETRIES must be between 0 and 10"
            raise ValueError(msg)
        if self.parser_llm_assist and not self.llm_configured:
            msg = "RESUMECORE_PARSER_LLM_ASSIST needs a language model (RESUMECORE_LLM_MODEL ...)"
            raise ValueError(msg)
        if not 1 <= self.db_pool_size <= 200 or not 0 <= self.db_max_overflow <= 200:
            msg = "RESUMECORE_DB_POOL_SIZE must be 1-200 and RESUMECORE_DB_MAX_OVERFLOW 0-200"
            raise ValueError(msg)
        if not 1 <= self.cache_ttl_seconds <= 30 * 24 * 3600:
            msg = "RESUMECORE_CACHE_TTL_SECONDS must be between 1 and 2592000"
            raise ValueError(msg)
        if self.llm_tokens_per_day < 0:
            msg = "RESUMECORE_LLM_TOKENS_PER_DAY must not be negative"
            raise ValueError(msg)

    def _validate_export_sweep(self) -> None:
        if not 0 <= self.export_sweep_seconds <= 7 * 24 * 3600:
            msg = "RESUMECORE_EXPORT_SWEEP_SECONDS must be between 0 and 604800"
            raise ValueError(msg)

    def _validate_network_settings(self) -> None:
        """Trusted proxies must be IPs or CIDRs, CORS origins must be origins."""
        from resumecore_server.entrypoints.http.cors import origin_patterns  # noqa: PLC0415 - HTTP-only module

        try:
            for part in self.trusted_proxies.split(","):
                if part.strip():
                    ipaddress.ip_network(part.strip(), strict=False)
        except ValueError:
            msg = "RESUMECORE_TRUSTED_PROXIES must be IP addresses or CIDRs separated by commas"
            raise ValueError(msg) from None
        origin_patterns(self.cors_origins, self.environment)
        if self.refresh_reuse_grace_seconds < 0:
            msg = "RESUMECORE_REFRESH_REUSE_GRACE_SECONDS must not be negative"
            raise ValueError(msg)


def _named_as_variables(problem: str) -> str:
    """The validation message about a field, told in the environment variable the operator set."""
    unknown = _UNKNOWN_FIELD.fullmatch(problem)
    if unknown:
        return f"unknown variable {PREFIX}{unknown['name'].upper()}"
    at_field = _AT_FIELD.fullmatch(problem)
    if at_field:
        return f"{PREFIX}{at_field['name'].upper()}: {at_field['problem']}"
    return problem
