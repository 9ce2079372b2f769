"""``make bench``: rendering a 2-page resume as PDF (Typst) and DOCX, alone and 8 at a time.

The resume is the offline writer's for the 40-item benchmark profile and 1,000-word posting
(``eval/tailoring_bench.py``), its experiences repeated until it fills two pages. Targets from
the documents issue: PDF p50 < 100 ms, DOCX p50 < 150 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

import msgspec
from eval.tailoring_bench import fixture

from resumecore.exports.templates import RenderOptions
from resumecore.generation.offline_writer import OfflineWriter
from resumecore.model.document import ResumeOptions, WrittenDocument
from resumecore.ports.renderer import Renderer
from resumecore.tailoring import select_for_resume
from resumecore_server.adapters.render.docx_renderer import DocxRenderer
from resumecore_server.adapters.render.typst_pdf import TypstPdfRenderer

TARGETS_MS = {"pdf": 100.0, "docx": 150.0}


async def two_page_resume() -> WrittenDocument:
    profile, job = fixture()
    plan = select_for_resume(profile, job, 10, 3)
    resume = await OfflineWriter().write_resume(profile, job, plan, ResumeOptions())
    sections = []
    for section in resume.sections:
        entries = section.entries * 2 if section.kind == "experience" else section.entries
        sections.append(msgspec.structs.replace(section, entries=entries))
    return msgspec.structs.replace(resume, sections=tuple(sections))


async def timed(renderer: Renderer, document: WrittenDocument, concurrency: int, rounds: int):
    async def one() -> float:
        start = time.perf_counter()
        await renderer.render(document, "modern", RenderOptions())
        return (time.perf_counter() - start) * 1000

    times: list[float] = []
    for _ in range(rounds):
        times += await asyncio.gather(*(one() for _ in range(concurrency)))
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.99 * len(times)))]


async def main(rounds: int) -> None:
    document = await two_page_resume()
    pdf = TypstPdfRenderer()
    pages = (await pdf.render(document, "modern", RenderOptions())).page_count
    print(f"2-page resume check: the PDF has {pages} pages")
    print(f"{'format':8} {'c':>2} {'renders':>8} {'p50 ms':>8} {'p99 ms':>8}  target")
    for renderer in (pdf, DocxRenderer()):
        await renderer.render(document, "modern", RenderOptions())  # warm
        for concurrency in (1, 8):
            p50, p99 = await timed(renderer, document, concurrency, rounds)
            target = TARGETS_MS[renderer.format]
            verdict = "met" if p50 < target else "NOT MET"
            count = rounds * concurrency
            print(
                f"{renderer.format:8} {concurrency:>2} {count:>8} {p50:>8.1f} {p99:>8.1f}  "
                f"p50 < {target:.0f} ms {verdict}"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    asyncio.run(main(parser.parse_args().rounds))
