"""resumecore: the pure domain of job-tailored resumes (stdlib + msgspec only).

The public names below are the library's facade (``docs/library.md``); everything else is
internal. They are imported on first use, so ``import resumecore`` costs next to nothing.
"""

from __future__ import annotations

import importlib

# Not typing.TYPE_CHECKING: importing typing would triple the cost of `import resumecore`.
TYPE_CHECKING = False

# Kept equal to pyproject.toml's version (tests/unit/test_version.py checks both and the wheel).
__version__ = "0.1.0"

if TYPE_CHECKING:
    from resumecore import commands
    from resumecore.errors import InvalidValue
    from resumecore.facade.json_resume import from_json_resume, to_json_resume
    from resumecore.facade.postings import parse_posting
    from resumecore.facade.profiles import analyse, apply, build_profile
    from resumecore.facade.tailoring import match, rank, tailor
    from resumecore.facade.writing import (
        generate_cover_letter,
        generate_cover_letter_async,
        generate_resume,
        generate_resume_async,
    )
    from resumecore.model.components import Certification, Education, Experience, Project
    from resumecore.model.job import Job
    from resumecore.model.profile import Profile

# Public name -> the module that defines it (``commands`` is the module itself).
_HOMES = {
    "Certification": "resumecore.model.components",
    "Education": "resumecore.model.components",
    "Experience": "resumecore.model.components",
    "InvalidValue": "resumecore.errors",
    "Job": "resumecore.model.job",
    "Profile": "resumecore.model.profile",
    "Project": "resumecore.model.components",
    "analyse": "resumecore.facade.profiles",
    "apply": "resumecore.facade.profiles",
    "build_profile": "resumecore.facade.profiles",
    "commands": "resumecore.commands",
    "from_json_resume": "resumecore.facade.json_resume",
    "generate_cover_letter": "resumecore.facade.writing",
    "generate_cover_letter_async": "resumecore.facade.writing",
    "generate_resume": "resumecore.facade.writing",
    "generate_resume_async": "resumecore.facade.writing",
    "match": "resumecore.facade.tailoring",
    "parse_posting": "resumecore.facade.postings",
    "rank": "resumecore.facade.tailoring",
    "tailor": "resumecore.facade.tailoring",
    "to_json_resume": "resumecore.facade.json_resume",
}

__all__ = [
    "Certification",
    "Education",
    "Experience",
    "InvalidValue",
    "Job",
    "Profile",
    "Project",
    "analyse",
    "apply",
    "build_profile",
    "commands",
    "from_json_resume",
    "generate_cover_letter",
    "generate_cover_letter_async",
    "generate_resume",
    "generate_resume_async",
    "match",
    "parse_posting",
    "rank",
    "tailor",
    "to_json_resume",
]

if not TYPE_CHECKING:  # type checkers see the imports above, and no catch-all __getattr__

    def __getattr__(name: str) -> object:
        """Import a public name on first use (PEP 562) and keep it."""
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module 'resumecore' has no attribute {name!r}")
        module = importlib.import_module(home)
        value = module if name == "commands" else getattr(module, name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
