"""The composition root resolves every key; overrides win; settings refuse unsafe values."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumecore.ports.health import ReadinessProbe
from resumecore.ports.mail import Mailer
from resumecore.ports.throttle import AttemptCounter
from resumecore_server.adapters.memory.mailer import MemoryMailer
from resumecore_server.adapters.throttle.memory_counter import MemoryAttemptCounter
from resumecore_server.entrypoints.bootstrap import USE_CASES, build_application
from resumecore_server.entrypoints.settings import Settings
from tests.support.app import make_settings


def test_every_use_case_and_port_resolves(tmp_path: Path) -> None:
    sut = build_application(make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path}/x.db"))
    for key in (*USE_CASES.values(), ReadinessProbe, Mailer, AttemptCounter):
        assert sut.resolve(key) is not None
    register_user = USE_CASES["register_user"]
    assert sut.resolve(register_user) is sut.resolve(register_user)  # singletons


def test_overrides_replace_the_default_adapter(tmp_path: Path) -> None:
    fake = MemoryMailer()
    sut = build_application(
        make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path}/x.db"), {Mailer: fake}
    )
    assert sut.resolve(Mailer) is fake


def test_embedded_defaults_need_no_services(tmp_path: Path) -> None:
    settings = Settings.from_env({"RESUMECORE_DATA_DIR": str(tmp_path)})
    sut = build_application(settings)
    assert settings.database_url.startswith("sqlite+inline:///")
    assert str(tmp_path.resolve()) in settings.database_url
    assert isinstance(sut.resolve(AttemptCounter), MemoryAttemptCounter)
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_the_generated_secret_is_stable_across_restarts(tmp_path: Path) -> None:
    first = Settings.from_env({"RESUMECORE_DATA_DIR": str(tmp_path)})
    second = Settings.from_env({"RESUMECORE_DATA_DIR": str(tmp_path)})
    assert first.secret_key == second.secret_key
    assert first.password_pepper == second.password_pepper != first.secret_key


@pytest.mark.parametrize(
    "env",
    [
        {"RESUMECORE_SECRET_KEY": "short"},
        {"RESUMECORE_BCRYPT_ROUNDS": "10"},
        {"RESUMECORE_BCRYPT_ROUNDS": "many"},
        {"RESUMECORE_UNKNOWN_SETTING": "1"},
        {"RESUMECORE_ENVIRONMENT": "staging"},
    ],
)
def test_unsafe_or_unknown_settings_refuse_to_start(tmp_path: Path, env: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        Settings.from_env({"RESUMECORE_DATA_DIR": str(tmp_path), **env})


def test_low_bcrypt_cost_is_allowed_outside_production(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {
            "RESUMECORE_DATA_DIR": str(tmp_path),
            "RESUMECORE_ENVIRONMENT": "test",
            "RESUMECORE_BCRYPT_ROUNDS": "4",
        }
    )
    assert settings.bcrypt_rounds == 4


def test_settings_repr_hides_secrets(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {"RESUMECORE_DATA_DIR": str(tmp_path), "RESUMECORE_SMTP_PASSWORD": "hunter2-smtp"}
    )
    assert settings.secret_key not in repr(settings)
    assert "hunter2-smtp" not in repr(settings)
