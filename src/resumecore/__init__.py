"""resumecore: the pure domain of job-tailored resumes (stdlib + msgspec only)."""
