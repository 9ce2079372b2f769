"""A careers page's embedded schema.org JobPosting (JSON-LD) names the posting's fields."""

from __future__ import annotations

import json

from resumecore.postings import normalize_posting_text, parse_posting


def _page(posting: object, body: str = "<h1>Open role</h1><p>Join us.</p>") -> str:
    script = f'<script type="application/ld+json">{json.dumps(posting)}</script>'
    return f"<html><head><title>Careers</title>{script}</head><body>{body}</body></html>"


def test_job_posting_fields_are_read_from_json_ld() -> None:
    parsed = parse_posting(
        _page(
            {
                "@context": "https://schema.org",
                "@type": "JobPosting",
                "title": "Maintenance Technician II",
                "hiringOrganization": {"@type": "Organization", "name": "Blue Ridge Packaging"},
                "jobLocation": {"address": {"addressLocality": "Roanoke", "addressRegion": "VA"}},
                "employmentType": "FULL_TIME",
                "baseSalary": {
                    "currency": "USD",
                    "value": {"minValue": 27.5, "maxValue": 34, "unitText": "HOUR"},
                },
            }
        )
    )
    assert (parsed.title, parsed.company) == ("Maintenance Technician II", "Blue Ridge Packaging")
    assert parsed.location == "Roanoke, VA"
    assert parsed.employment_type == "full_time"
    assert parsed.salary is not None
    assert (parsed.salary.min, parsed.salary.max, parsed.salary.period) == (27.5, 34, "hour")


def test_a_telecommute_posting_in_a_graph_is_remote() -> None:
    parsed = parse_posting(
        _page(
            {
                "@graph": [
                    {"@type": "WebPage"},
                    {
                        "@type": "JobPosting",
                        "title": "Senior Data Engineer",
                        "hiringOrganization": {"name": "Northwind Analytics"},
                        "jobLocationType": "TELECOMMUTE",
                    },
                ]
            }
        )
    )
    assert (parsed.title, parsed.company, parsed.remote) == (
        "Senior Data Engineer",
        "Northwind Analytics",
        "remote",
    )


def test_broken_json_ld_is_dropped_and_normalising_stays_a_fixed_point() -> None:
    raw = '<script type="application/ld+json">{"@type": "JobPosting", </script><p>Welder</p>'
    once = normalize_posting_text(raw)
    assert once == "Welder"
    assert normalize_posting_text(once) == once


def test_a_bare_organisation_name_and_a_written_out_type() -> None:
    parsed = parse_posting(
        _page(
            [
                {
                    "@type": "JobPosting",
                    "title": "Store Manager",
                    "hiringOrganization": "Copperleaf Outfitters",
                    "jobLocation": [{"address": [{"addressLocality": "Bozeman"}]}],
                    "employmentType": "Full-time",
                }
            ]
        )
    )
    assert (parsed.company, parsed.location, parsed.employment_type) == (
        "Copperleaf Outfitters",
        "Bozeman",
        "full_time",
    )


def test_an_address_written_as_text_and_a_region_alone() -> None:
    written = parse_posting(
        _page({"@type": "JobPosting", "title": "Welder", "jobLocation": {"address": "Austin, TX"}})
    )
    assert written.location == "Austin, TX"
    region = parse_posting(
        _page(
            {
                "@type": "JobPosting",
                "title": "Welder",
                "jobLocation": {"address": {"addressRegion": "TX"}},
            }
        )
    )
    assert region.location is None
