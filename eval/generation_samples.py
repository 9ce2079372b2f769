"""Print the offline writer's resume and cover letter for three graded cases, to read them.

Run: ``python -m eval.generation_samples`` (optionally ``--tone enthusiastic|concise``).
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from eval.tailoring_data import DATA, HELDOUT, load_job, load_profile
from resumecore.generation.offline_writer import OfflineWriter
from resumecore.model.document import CoverLetterOptions, ResumeOptions, Tone
from resumecore.tailoring import select_for_resume

# (profile, job, folder): a software engineer, a care assistant, a tradesman.
CASES: tuple[tuple[str, str, Path], ...] = (
    ("software", "devops_bullets_remote_eu", DATA),
    ("nursing", "care_assistant_uk_no_headers", DATA),
    ("trades", "warehouse_emoji_hourly", HELDOUT),
)


async def show(profile_name: str, job_name: str, data: Path, tone: Tone | None) -> str:
    """The resume and the cover letter of one case, with a banner."""
    profile, _ = load_profile(profile_name, data)
    job = load_job(job_name, data)
    writer = OfflineWriter()
    plan = select_for_resume(profile, job)
    resume = await writer.write_resume(profile, job, plan, ResumeOptions())
    letter = await writer.write_cover_letter(profile, job, plan, CoverLetterOptions(tone=tone))
    rule = "=" * 78
    return (
        f"{rule}\n{profile_name} -> {job_name}: {job.title} at {job.company}\n{rule}\n"
        f"{resume.text}\n{'-' * 78}\n{letter.text}"
    )


def main() -> None:
    """Print every case."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tone", choices=["professional", "enthusiastic", "concise"])
    tone = parser.parse_args().tone
    for case in CASES:
        print(asyncio.run(show(*case, tone)))


if __name__ == "__main__":
    main()
