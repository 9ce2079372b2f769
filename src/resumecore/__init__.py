"""resumecore: the pure domain of job-tailored resumes (stdlib + msgspec only)."""

# Kept equal to pyproject.toml's version (tests/unit/test_version.py checks both and the wheel).
__version__ = "0.1.0"
