"""Settings every test shares."""

import pytest
from hypothesis import HealthCheck, settings

from tests.support.workers import isolate_services, worker_number

# The suite runs on a 2-core machine beside the servers it starts: a draw that is slow there is
# the machine's load, not the strategy's (resumecore.testing's default sizes keep a profile to
# ~30 ms). Every assertion and example count stays as each test declares it.
settings.register_profile("suite", suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")


def pytest_configure(config: pytest.Config) -> None:
    number = worker_number()
    if number is not None:
        isolate_services(number)
