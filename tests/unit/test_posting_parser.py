"""Example-based tests of the posting parser: sections, salary, terms, skills, limits."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from resumecore.errors import InvalidValue
from resumecore.postings import (
    MAX_LENGTH,
    SkillVocabulary,
    default_vocabulary,
    normalize_posting_text,
    parse_posting,
)
from resumecore.postings.salary import find_salary
from resumecore.postings.terms import employment_type, remote_mode, years_of_experience


def skills(text: str) -> list[str]:
    return [m.canonical for m in default_vocabulary().find(text)]


# --- sections -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Requirements", "requirements"),
        ("## Qualifications", "requirements"),
        ("**What you'll bring:**", "requirements"),
        ("WHAT WE'RE LOOKING FOR", "requirements"),
        ("Minimum qualifications:", "requirements"),
        ("Ihr Profil", "requirements"),
        ("Profil recherché", "requirements"),
        ("Requisitos", "requirements"),
        ("Nice to have", "nice_to_have"),
        ("Bonus points", "nice_to_have"),
        ("Preferred Qualifications:", "nice_to_have"),
        ("### Desirable", "nice_to_have"),
        ("Wünschenswert", "nice_to_have"),
        ("Se valorará", "nice_to_have"),
        ("Key Responsibilities", "responsibilities"),
        ("What you'll do", "responsibilities"),
        ("Deine Aufgaben", "responsibilities"),
        ("Benefits", "benefits"),
        ("What we offer", "benefits"),
        ("Perks & benefits", "benefits"),
        ("Wir bieten", "benefits"),
    ],
)
def test_each_header_style_opens_its_section(header: str, kind: str) -> None:
    parsed = parse_posting(f"Data Engineer\n\n{header}\n- Python and SQL\n- Airflow\n")
    assert getattr(parsed, kind) == ("Python and SQL", "Airflow")


def test_bullets_of_many_kinds_become_items_without_their_markers() -> None:
    raw = "Requirements\n• Go\r\n✅ Docker\n* Kafka\n1. SQL\n2) Linux\n- Git\n▪ Redis"
    assert parse_posting(raw).requirements == (
        "Go",
        "Docker",
        "Kafka",
        "SQL",
        "Linux",
        "Git",
        "Redis",
    )


def test_html_remnants_are_removed_and_entities_decoded() -> None:
    raw = "<h3>Requirements</h3><ul><li>Python &amp; SQL</li><li>dbt<br>Airflow</li></ul>"
    parsed = parse_posting(raw)
    assert "<" not in parsed.description
    assert parsed.requirements == ("Python & SQL", "dbt", "Airflow")


def test_inline_header_with_semicolon_items() -> None:
    parsed = parse_posting("Requirements: Python; Django; PostgreSQL\nNice to have: Redis")
    assert parsed.requirements == ("Python", "Django", "PostgreSQL")
    assert parsed.nice_to_have == ("Redis",)
    assert parsed.required_skills == ("Python", "Django", "PostgreSQL")
    assert parsed.preferred_skills == ("Redis",)


def test_a_plus_inside_requirements_is_optional_only_for_its_part() -> None:
    parsed = parse_posting(
        "Requirements\n- React and JavaScript (TypeScript is a plus)\n"
        "- Excellent English; French is a bonus"
    )
    assert parsed.required_skills == ("React", "JavaScript", "English")
    assert parsed.preferred_skills == ("TypeScript", "French")


def test_unheaded_prose_is_sorted_by_cue_words() -> None:
    parsed = parse_posting(
        "You will build data pipelines. You have 3 years of experience with Python. "
        "Experience with Spark is a plus. We offer a pension and 30 days of holiday."
    )
    assert parsed.responsibilities == ("You will build data pipelines.",)
    assert parsed.requirements == ("You have 3 years of experience with Python.",)
    assert parsed.nice_to_have == ("Experience with Spark is a plus.",)
    assert parsed.benefits == ("We offer a pension and 30 days of holiday.",)


# --- salary ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$120,000 - $150,000 a year", (120000, 150000, "USD", "year")),
        ("€4.500\u20135.500 brutto/Monat", (4500, 5500, "EUR", "month")),
        ("£40k-£50k + bonus", (40000, 50000, "GBP", "year")),
        ("$35/hr", (35, 35, "USD", "hour")),
        ("Compensation: USD 90K base + equity", (90000, 90000, "USD", "year")),
        ("42 000 € - 50 000 € bruts annuels", (42000, 50000, "EUR", "year")),
        ("Rate: £500 - £550 per day", (500, 550, "GBP", "day")),
        ("Earn $1,400 - $1,700 per week", (1400, 1700, "USD", "week")),
        ("CA$95,000\u2013CA$115,000 per year", (95000, 115000, "CAD", "year")),
        ("Pay: $48.50 - $62.00 per hour", (48.5, 62.0, "USD", "hour")),
    ],
)
def test_salary_formats(text: str, expected: tuple[float, float, str, str]) -> None:
    salary = find_salary(text)
    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.period) == expected
    assert salary.text in text


def test_salary_prefers_the_pay_line_over_budgets_and_bonuses() -> None:
    text = (
        "€1,500 yearly learning budget\n$3,000 sign-on bonus\nSalary: $90,000 - $110,000 per year"
    )
    salary = find_salary(text)
    assert salary is not None
    assert (salary.min, salary.max) == (90000, 110000)


@pytest.mark.parametrize("text", ["5-7 years of experience", "401(k) match", "we raised $20M", ""])
def test_no_salary_where_there_is_none(text: str) -> None:
    assert find_salary(text) is None


def test_a_dollar_in_a_canadian_posting_is_cad() -> None:
    salary = find_salary("Remote — Canada\n$21 per hour")
    assert salary is not None
    assert salary.currency == "CAD"


# --- work terms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Location: Remote (EU)", "remote"),
        ("This is a fully remote role.", "remote"),
        ("Berlin, Germany (Hybrid)", "hybrid"),
        ("3 days a week in the office", "hybrid"),
        ("Full-time, on-site position", "onsite"),
        ("This is not a remote position.", "onsite"),
        ("Install conduit and lead apprentices on site", None),
        ("We offer remote patient monitoring services.", None),
    ],
)
def test_remote_mode(text: str, expected: str | None) -> None:
    assert remote_mode(text, "") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Job type: Full-time", "full_time"),
        ("Part-Time Sales Assistant", "part_time"),
        ("Contract: Temporary, full-time (maternity cover)", "temporary"),
        ("iOS Developer (Contract, 6 months)", "contract"),
        ("Freelance designer, 2 days a week", "contract"),
        ("Software Engineering Intern (Summer)", "internship"),
        ("Permanent, part-time (22.5 hours)", "part_time"),
        ("Vollzeit, unbefristet", "full_time"),
        ("CDI, temps plein", "full_time"),
        ("Experience with contract law and contract review", None),
    ],
)
def test_employment_type(text: str, expected: str | None) -> None:
    assert employment_type(text, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5+ years of backend experience", 5),
        ("at least three years of experience in statistics", 3),
        ("2-4 years of accounting experience", 2),
        ("Minimum of 3 years of litigation experience", 3),
        ("Mindestens 3 Jahre Berufserfahrung", 3),
        ("2 ans d'expérience minimum", 2),
        ("Al menos 2 años de experiencia", 2),
        ("You must be 18 years or older", None),
        ("Founded 12 years ago", None),
        ("We have 20 days of PTO", None),
    ],
)
def test_years_of_experience(text: str, expected: int | None) -> None:
    assert years_of_experience(text) == expected


# --- skills ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We run k8s", ["Kubernetes"]),
        ("Postgres and JS", ["PostgreSQL", "JavaScript"]),
        ("golang microservices", ["Go", "Microservices"]),
        ("We need a Go developer", ["Go"]),
        ("Strong experience in Go", ["Go"]),
        ("Python, Go or Rust", ["Python", "Go", "Rust"]),
        ("Statistical programming in R, Python or SAS", ["R", "Python", "SAS"]),
        ("C/C++ and Java", ["C", "C++", "Java"]),
        ("Node.js and React-based apps", ["Node.js", "React"]),
        ("PostgreSQL/MySQL", ["PostgreSQL", "MySQL"]),
        ("Advanced Excel skills", ["Microsoft Excel"]),
        ("Word, Excel and Outlook", ["Microsoft Word", "Microsoft Excel", "Microsoft Outlook"]),
        ("REST APIs", ["REST APIs"]),
        ("boiler installations and forklifts", ["Boiler Installation", "Forklift Operation"]),
    ],
)
def test_skill_aliases_map_to_canonical_names(text: str, expected: list[str]) -> None:
    assert skills(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We go to market fast",
        "A Go-to-market plan",
        "You will advise the C-suite",
        "Our R&D team",
        "We always have a plan B",
        "A Series C startup",
        "You excel at communication",
        "Excel at communication and you will thrive",
        "Let's go live next week",
        "Take a rest",
        "Our Head Chef runs the pass",
        "Based in Phoenix, AZ",
        "Keep the warehouse clean and safe",
        "Vitamin C and vitamin D",
    ],
)
def test_ambiguous_words_are_not_skills(text: str) -> None:
    assert skills(text) == []


def test_a_common_noun_after_a_tool_is_not_a_list_item() -> None:
    # "Tableau dashboards" are Tableau's; "Tableau, dashboards" lists two skills.
    assert skills("You will present findings with Tableau dashboards.") == ["Tableau"]
    assert skills("Tools: Tableau, dashboards") == ["Tableau", "Dashboards"]
    assert skills("Meetings in Slack Zoom") == ["Slack", "Zoom"]


def test_permanent_residence_and_nationalities_are_not_skills() -> None:
    posting = "Requirements\n- Singapore Citizen or PR\n- Employed via our Estonian entity\n"
    assert parse_posting("Cabin Crew\n" + posting + "- First aid certificate").skills == (
        "First Aid",
    )
    asked = parse_posting("PR Manager\nRequirements\n- Fluent Dutch\n- PR and media relations")
    assert set(asked.skills) == {"Dutch", "Public Relations"}


def test_a_lone_bullet_of_a_short_alias_counts() -> None:
    assert parse_posting("Bonus points\n- Go\n- Cloudflare").preferred_skills == (
        "Go",
        "Cloudflare",
    )


def test_skills_keep_order_of_first_mention_without_duplicates() -> None:
    parsed = parse_posting("Python and Docker. Later: docker, python3, Kubernetes.")
    assert parsed.skills == ("Python", "Docker", "Kubernetes")


def test_match_spans_point_at_the_alias_as_written() -> None:
    text = "Experience with k8s and Postgres"
    for match in default_vocabulary().find(text):
        assert text[match.start : match.end] == match.alias


def test_canonical_resolves_names_and_aliases() -> None:
    vocabulary = default_vocabulary()
    assert vocabulary.canonical("k8s") == "Kubernetes"
    assert vocabulary.canonical("postgres") == "PostgreSQL"
    assert vocabulary.canonical("Golang") == "Go"
    assert vocabulary.canonical("go") == "Go"
    assert vocabulary.canonical("Kubernetes") == "Kubernetes"
    assert vocabulary.canonical("not a skill at all") is None


def test_the_shipped_vocabulary_is_large_and_consistent() -> None:
    raw = resources.files("resumecore.data").joinpath("skills.json").read_text(encoding="utf-8")
    entries = json.loads(raw)["skills"]
    assert len(entries) >= 800
    names = [e["name"] for e in entries]
    assert len(names) == len(set(names))
    categories = {e["category"] for e in entries}
    for needed in (
        "programming_language",
        "data_science",
        "cloud",
        "design",
        "marketing",
        "finance",
        "healthcare",
        "trades",
    ):
        assert needed in categories
    generated = resources.files("resumecore.data").joinpath("skills_esco.json").read_text("utf-8")
    assert default_vocabulary().size <= len(entries) + len(json.loads(generated)["skills"])
    assert default_vocabulary().size > len(entries)


def test_two_skills_cannot_share_an_alias() -> None:
    from resumecore.postings.vocabulary import SkillEntry

    with pytest.raises(ValueError, match="two skills"):
        SkillVocabulary(
            (
                SkillEntry(name="Go", category="x", aliases=("golang",)),
                SkillEntry(name="Golang2", category="x", aliases=("golang",)),
            )
        )


def test_a_long_posting_is_matched_whole() -> None:
    # Speed is measured by `make eval` (eval/parse_timing.py: a 15,000-character posting under
    # 30 ms), not here: a timed unit test fails on a loaded machine.
    vocabulary = default_vocabulary()
    text = "We build services in Python and Go on Kubernetes with PostgreSQL and Kafka. " * 90
    assert len(text.split()) > 1000
    found = vocabulary.find(text)
    assert len(found) == 5 * 90
    assert {m.canonical for m in found} == {
        "Python",
        "Go",
        "Kubernetes",
        "PostgreSQL",
        "Apache Kafka",
    }
    assert all(text[m.start : m.end] == m.alias for m in found)


# --- whole postings and limits --------------------------------------------------------------


def test_a_linkedin_paste_skips_the_noise() -> None:
    raw = (
        "Frontend Developer\nBrightloop · Berlin, Germany (Hybrid)\nReposted 2 days ago · Over 100 "
        "applicants\nEasy Apply\nSave\nAbout the job\nBrightloop helps freelancers."
    )
    parsed = parse_posting(raw)
    assert (parsed.title, parsed.company, parsed.location, parsed.remote) == (
        "Frontend Developer",
        "Brightloop",
        "Berlin, Germany",
        "hybrid",
    )


def test_labelled_fields_win() -> None:
    raw = (
        "Senior Data Engineer\nCompany: Acme Corp\nLocation: Austin, TX (hybrid)\n"
        "Job type: Contract"
    )
    parsed = parse_posting(raw)
    assert (parsed.company, parsed.location, parsed.remote, parsed.employment_type) == (
        "Acme Corp",
        "Austin, TX",
        "hybrid",
        "contract",
    )


def test_title_at_company() -> None:
    parsed = parse_posting("Data Scientist at Northwind Analytics\n\nWe are hiring in Chicago, IL.")
    assert (parsed.title, parsed.company, parsed.location) == (
        "Data Scientist",
        "Northwind Analytics",
        "Chicago, IL",
    )


def test_empty_text_gives_an_empty_posting() -> None:
    parsed = parse_posting("")
    assert parsed.title is None
    assert parsed.skills == ()
    assert parsed.description == ""


def test_fifteen_thousand_characters_parse() -> None:
    block = "Requirements\n- 5+ years with Python and AWS\n- Salary $100,000 - $120,000 a year\n"
    raw = (block * (15_000 // len(block) + 1))[:15_000]
    parsed = parse_posting(raw)
    assert parsed.skills[:2] == ("Python", "Amazon Web Services")


def test_text_over_the_limit_is_refused() -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_posting("x" * (MAX_LENGTH + 1))
    assert caught.value.code == "too_long"
    assert caught.value.errors[0].field == "raw_text"


def test_the_limit_itself_is_accepted() -> None:
    assert parse_posting("a " * (MAX_LENGTH // 2)).description.startswith("a a")


def test_normalisation_makes_line_endings_and_bullets_uniform() -> None:
    assert (
        normalize_posting_text("• One\r\n\r\n\r\n\r\n✔ Two\u200b\t three") == "- One\n\n- Two three"
    )


@pytest.mark.parametrize(
    "closing",
    [
        "Sysco is an Equal Opportunity Employer.",
        "Apply today!",
        "Benefits include 401(k) and PTO.",
    ],
)
def test_a_short_sentence_after_a_bulleted_list_is_not_one_of_its_items(closing: str) -> None:
    # The EEO line under a requirements list was a requirement the match report found missing.
    text = (
        "Logistics Coordinator\nSysco Central Texas\n\nRequirements:\n"
        f"- 3+ years of warehouse experience\n- Strong Excel skills\n\n{closing}\n"
    )
    parsed = parse_posting(text)
    assert parsed.requirements == ("3+ years of warehouse experience", "Strong Excel skills")


def test_an_unmarked_fragment_after_a_blank_line_stays_in_the_list() -> None:
    text = (
        "Logistics Coordinator\nSysco\n\nRequirements:\n- 3+ years of warehouse experience\n\n"
        "Strong Excel skills\n"
    )
    assert parse_posting(text).requirements == (
        "3+ years of warehouse experience",
        "Strong Excel skills",
    )


@pytest.mark.parametrize("legal_form", ["CIC", "Ltd", "plc"])
def test_a_legal_name_under_the_title_is_the_employer_not_the_titles_unit(legal_form: str) -> None:
    # Seen in a recruiter's review: the letter was addressed to the clinic, not the employer.
    parsed = parse_posting(
        "Clinical Team Lead \u2013 Respiratory Outpatient Clinic\n"
        f"Bristol Community Health {legal_form}\nBristol, BS2 | Full time, 37.5 hours\n\n"
        "About us\nWe run community clinics across Bristol.\n"
    )
    assert (parsed.title, parsed.company) == (
        "Clinical Team Lead",
        f"Bristol Community Health {legal_form}",
    )
