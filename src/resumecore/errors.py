"""The domain error tree. Each error has a stable ``code``; the HTTP edge maps it to a status."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldError:
    """One failing field (or bulk index) inside a validation error."""

    code: str
    message: str
    field: str | None = None
    index: int | None = None


class DomainError(Exception):
    """Base of every error the core raises on purpose."""

    code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class NotFound(DomainError):
    """The resource does not exist, or belongs to somebody else (never reveal which)."""

    code = "not_found"


class InvalidValue(DomainError, ValueError):
    """Well-formed input that breaks a rule; carries every failing field."""

    code = "invalid_value"

    def __init__(
        self, message: str, *, errors: list[FieldError] | None = None, code: str | None = None
    ) -> None:
        super().__init__(message, code=code)
        self.errors = errors or []

    @classmethod
    def for_field(cls, field: str, code: str, message: str) -> InvalidValue:
        """Build the error for one failing field."""
        return cls(message, errors=[FieldError(code=code, message=message, field=field)], code=code)


class ContentTooLarge(InvalidValue):
    """An uploaded file is over its size limit."""

    code = "content_too_large"


class Conflict(DomainError):
    """The change collides with existing state (a duplicate, a concurrent write)."""

    code = "conflict"


class VersionConflict(Conflict):
    """The aggregate changed since the client read it."""

    code = "version_conflict"

    def __init__(self, message: str, *, current_version: int | None = None) -> None:
        super().__init__(message)
        self.current_version = current_version


class AuthenticationFailed(DomainError):
    """Credentials or a token were missing, wrong, expired or revoked."""

    code = "authentication_failed"


class InvalidToken(DomainError):
    """A one-time token (password reset) is unknown, used or expired."""

    code = "invalid_token"


class RateLimited(DomainError):
    """Too many attempts; ``retry_after`` says when the next one is allowed."""

    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, retry_after)


class TooBusy(RateLimited):
    """The user already runs as many costly requests as allowed; retry when one finishes."""

    code = "too_busy"

    def __init__(self, message: str, *, retry_after: int = 1) -> None:
        super().__init__(message, retry_after=retry_after)


class StorageUnavailable(DomainError):
    """A dependency (database, cache, mail relay) could not be reached."""

    code = "service_unavailable"


class StorageFull(StorageUnavailable):
    """The disk (or quota) holding the database or the files has no space left for a write."""

    code = "insufficient_storage"


class BulkOperationRejected(InvalidValue):
    """A batch was refused as a whole; ``errors`` names every failing index."""

    code = "bulk_operation_rejected"


class LanguageModelError(DomainError):
    """The language model gave no usable reply; writers fall back to the offline text."""

    code = "language_model_error"


class ModelKeyRejected(LanguageModelError):
    """The server refused the API key (401 or 403)."""

    code = "language_model_key_rejected"


class ModelNotFound(LanguageModelError):
    """The server does not know the configured model (404)."""

    code = "language_model_not_found"


class ModelRateLimited(LanguageModelError):
    """The server asked us to slow down (429); ``retry_after`` seconds if it said."""

    code = "language_model_rate_limited"

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ModelUnavailable(LanguageModelError):
    """A 5xx, a timeout or a dropped connection, after the configured retries."""

    code = "language_model_unavailable"


class ModelReplyInvalid(LanguageModelError):
    """The reply was empty, a refusal, cut off, or not valid JSON of the asked shape."""

    code = "language_model_reply_invalid"


class TokenBudgetExhausted(RateLimited):
    """The user spent today's language-model tokens; ``retry_after`` is the next UTC day."""

    code = "token_budget_exhausted"
