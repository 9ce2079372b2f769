"""A bad ``RESUMECORE_*`` variable stops start-up with a message naming that variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumecore_server.entrypoints.settings import Settings


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("RESUMECORE_WORKERS", "4", "invalid settings: unknown variable RESUMECORE_WORKERS"),
        (
            "RESUMECORE_BCRYPT_ROUNDS",
            "twelve",
            "invalid settings: RESUMECORE_BCRYPT_ROUNDS: Expected `int`, got `str`",
        ),
        ("RESUMECORE_QUEUE", "rq", "invalid settings: RESUMECORE_QUEUE: Invalid enum value 'rq'"),
    ],
)
def test_the_message_names_the_environment_variable(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    # msgspec named the field ("unknown field `workers`", "at `$.bcrypt_rounds`"): an operator
    # looked for a variable that does not exist under that name.
    env = {"RESUMECORE_DATA_DIR": str(tmp_path), variable: value}
    with pytest.raises(ValueError) as raised:
        Settings.from_env(env)
    assert str(raised.value) == message


def test_an_unknown_log_level_is_refused_with_the_levels_and_any_case_is_accepted(
    tmp_path: Path,
) -> None:
    # It was checked only when each server process set up its logging: a traceback per process.
    env = {"RESUMECORE_DATA_DIR": str(tmp_path)}
    with pytest.raises(ValueError, match="RESUMECORE_LOG_LEVEL must be one of DEBUG, INFO"):
        Settings.from_env(env | {"RESUMECORE_LOG_LEVEL": "verbose"})
    assert Settings.from_env(env | {"RESUMECORE_LOG_LEVEL": "warning"}).log_level == "warning"
