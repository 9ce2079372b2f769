"""Settings every test shares."""

from hypothesis import HealthCheck, settings

# The suite runs on a 2-core machine beside the servers it starts: a draw that is slow there is
# the machine's load, not the strategy's (resumecore.testing's default sizes keep a profile to
# ~30 ms). Every assertion and example count stays as each test declares it.
settings.register_profile("suite", suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")
