"""Realistic profile bodies for tests and benchmarks."""

from __future__ import annotations

from typing import Any


def experience(i: int) -> dict[str, Any]:
    year = 2010 + i % 14
    return {
        "title": f"Software Engineer {i}",
        "company": f"Company {i}",
        "location": "Berlin, Germany",
        "start_date": f"{year}-01",
        "end_date": f"{year}-12",
        "description": "Built and ran backend services in Python and PostgreSQL.",
        "achievements": [f"Cut p99 latency by {10 + i}%", "Led a team of 4 engineers"],
    }


def full_profile(name: str = "Ada Lovelace") -> dict[str, Any]:
    """5 experiences, 3 education, 4 projects, 20 skills, custom fields (the benchmark shape)."""
    return {
        "personal_info": {
            "full_name": name,
            "email": "ada@example.com",
            "phone": "+44 20 7946 0958",
            "location": "London, UK",
            "linkedin": "https://www.linkedin.com/in/ada",
            "github": "https://github.com/ada",
            "website": "https://ada.example.com",
        },
        "professional_summary": "Engineer who turns analytical engines into production systems.",
        "skills": {
            "technical": [
                "Python",
                "PostgreSQL",
                "Kubernetes",
                "Go",
                "Rust",
                "AWS",
                "Docker",
                "Redis",
                "Kafka",
                "Terraform",
                "React",
                "TypeScript",
                "GraphQL",
                "Linux",
                "SQL",
            ],
            "soft": ["Mentoring", "Writing", "Leadership", "Negotiation", "Public speaking"],
            "languages": [
                {"name": "English", "proficiency": "native"},
                {"name": "French", "proficiency": "fluent"},
            ],
            "certifications": [
                {"name": "AWS Solutions Architect", "issuer": "Amazon", "date_obtained": "2021-05"}
            ],
        },
        "experiences": [experience(i) for i in range(5)],
        "education": [
            {
                "institution": f"University {i}",
                "degree": "BSc",
                "field_of_study": "Mathematics",
                "start_date": f"{2000 + i}-09",
                "end_date": f"{2003 + i}-06",
                "gpa": 3.7,
                "honors": ["Cum laude"],
            }
            for i in range(3)
        ],
        "projects": [
            {
                "name": f"Project {i}",
                "description": "An open-source tool.",
                "technologies": ["Python", "SQL"],
                "url": f"https://github.com/ada/p{i}",
                "start_date": "2022-01",
            }
            for i in range(4)
        ],
        "custom_fields": {
            "availability": "2 weeks",
            "relocation": True,
            "salary_expectation": 95000,
        },
    }
