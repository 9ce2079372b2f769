"""JSON Resume export and import: schema-valid output, any valid input, lossless round trips.

"Keeps every field" (the import property) is defined as: exporting the profile built from an
imported document ``d`` gives back ``d`` exactly, except that a ``meta.resumecore`` object
(our reserved key) may have been added, and with it ``meta`` itself when ``d`` had none.
"""

from __future__ import annotations

import copy
import itertools
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import msgspec
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from resumecore.errors import InvalidValue
from resumecore.ids import ProfileId, UserId
from resumecore.jsonresume import from_json_resume, to_json_resume
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile
from resumecore.testing import json_resume_documents, profile_contents
from resumecore.testing import json_values as json_values_strategy
from resumecore.testing.text import words as short_words

DATA = Path(__file__).resolve().parents[1] / "data" / "jsonresume"
SCHEMA = json.loads((DATA / "schema.json").read_text())
STRICT = jsonschema.Draft7Validator(
    SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
)
PLAIN = jsonschema.Draft7Validator(SCHEMA)
AT = datetime(2024, 6, 15, tzinfo=UTC)
SAMPLES = sorted(DATA.glob("*.resume.json"))


def make(content: dict[str, Any]) -> Profile:
    counter = itertools.count()
    return new_profile(
        ProfileId("p1"),
        UserId("u1"),
        content,
        is_primary=True,
        new_id=lambda: f"c{next(counter)}",
        at=AT,
        keep_enhanced=True,  # stands for a stored profile that was enhanced
    )


def roundtrip(document: dict[str, Any]) -> dict[str, Any]:
    return to_json_resume(make(from_json_resume(copy.deepcopy(document))))


def without_ours(exported: dict[str, Any], original: dict[str, Any]) -> dict[str, Any]:
    """``exported`` minus ``meta.resumecore`` (and ``meta`` if only that made it appear)."""
    result = copy.deepcopy(exported)
    if isinstance(result.get("meta"), dict):
        result["meta"].pop("resumecore", None)
        if not result["meta"] and "meta" not in original:
            del result["meta"]
    return result


def assert_schema_valid(document: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in STRICT.iter_errors(document)]
    assert errors == []


RICH: dict[str, Any] = {
    "personal_info": {
        "full_name": "Ada Lovelace",
        "email": "ada@example.com",
        "phone": "+44 20 7946 0958",
        "location": "London, UK",
        "linkedin": "https://www.linkedin.com/in/ada",
        "github": "https://github.com/ada",
        "website": "https://ada.example.com",
    },
    "professional_summary": "Engineer who turns analytical engines into production systems.",
    "skills": {
        "technical": ["Python", "PostgreSQL", "Go"],
        "soft": ["Mentoring", "Writing"],
        "languages": [
            {"name": "English", "proficiency": "native"},
            {"name": "French", "proficiency": "basic"},
        ],
        "certifications": [
            {
                "name": "CKA",
                "issuer": "CNCF",
                "date_obtained": "2021-05",
                "expiry_date": "2024-05",
                "credential_id": "LF-123",
            }
        ],
    },
    "experiences": [
        {
            "title": "Staff Engineer",
            "company": "Analytical Engines",
            "location": "London",
            "start_date": "2020-03",
            "is_current": True,
            "description": "Runs the engine room.",
            "achievements": ["Cut p99 latency by 40%"],
            "enhanced_description": "Led the engine room.",
        },
        {
            "title": "Engineer",
            "company": "Babbage & Co",
            "start_date": "2015-01-10",
            "end_date": "2019-12",
            "achievements": [],
        },
        {"title": "Intern", "company": "Royal Society", "start_date": "2014-06"},
    ],
    "education": [
        {
            "institution": "University of London",
            "degree": "BSc",
            "field_of_study": "Mathematics",
            "start_date": "2010-09",
            "end_date": "2014-06",
            "gpa": 3.7,
            "honors": ["First class"],
        },
        {"institution": "Open University", "degree": "MSc"},
    ],
    "projects": [
        {
            "name": "Note G",
            "description": "The first published program.",
            "technologies": ["Punch cards"],
            "url": "https://example.com/note-g",
            "start_date": "2019-01",
            "end_date": "2019-06",
        },
    ],
    "custom_fields": {"availability": "2 weeks", "relocation": True, "salary": {"min": 90000}},
}


# --- export -----------------------------------------------------------------------------------


def test_export_of_a_rich_profile_validates_against_the_official_schema() -> None:
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert_schema_valid(to_json_resume(make(RICH)))


def test_export_maps_each_field_to_its_json_resume_home() -> None:
    sut = to_json_resume(make(RICH))

    assert sut["basics"] == {
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "phone": "+44 20 7946 0958",
        "url": "https://ada.example.com",
        "summary": "Engineer who turns analytical engines into production systems.",
        "location": {"city": "London, UK"},
        "profiles": [
            {"network": "LinkedIn", "url": "https://www.linkedin.com/in/ada"},
            {"network": "GitHub", "url": "https://github.com/ada"},
        ],
    }
    assert sut["work"][0] == {
        "name": "Analytical Engines",
        "position": "Staff Engineer",
        "location": "London",
        "startDate": "2020-03",
        "summary": "Runs the engine room.",
        "highlights": ["Cut p99 latency by 40%"],
    }
    assert sut["work"][1]["endDate"] == "2019-12"
    assert sut["education"][0] == {
        "institution": "University of London",
        "studyType": "BSc",
        "area": "Mathematics",
        "startDate": "2010-09",
        "endDate": "2014-06",
        "score": "3.7",
    }
    assert sut["projects"][0]["keywords"] == ["Punch cards"]
    assert sut["skills"] == [
        {"name": "Technical", "keywords": ["Python", "PostgreSQL", "Go"]},
        {"name": "Soft skills", "keywords": ["Mentoring", "Writing"]},
    ]
    assert sut["languages"] == [
        {"language": "English", "fluency": "Native speaker"},
        {"language": "French", "fluency": "Basic"},
    ]
    assert sut["certificates"] == [{"name": "CKA", "issuer": "CNCF", "date": "2021-05"}]


def test_fields_without_a_json_resume_home_go_to_meta() -> None:
    profile = msgspec.structs.replace(make(RICH), enhanced_professional_summary="Better summary.")

    ours = to_json_resume(profile)["meta"]["resumecore"]

    assert ours == {
        "custom_fields": {"availability": "2 weeks", "relocation": True, "salary": {"min": 90000}},
        "enhanced_professional_summary": "Better summary.",
        # is_current is stated only where "no endDate" would say otherwise (the intern).
        "work": [{"enhanced_description": "Led the engine room."}, {}, {"is_current": False}],
        "education": [{"honors": ["First class"]}, {}],
        "certificates": [{"expiry_date": "2024-05", "credential_id": "LF-123"}],
    }


def test_a_minimal_profile_exports_only_the_name() -> None:
    assert to_json_resume(make({"personal_info": {"full_name": "Ada"}})) == {
        "basics": {"name": "Ada"}
    }


def test_export_then_import_gives_back_the_same_profile_content() -> None:
    profile = make(RICH)

    again = make(from_json_resume(to_json_resume(profile)))

    strip = {"id", "version", "created_at", "updated_at", "is_primary"}
    assert {k: v for k, v in msgspec.to_builtins(again).items() if k not in strip} == {
        k: v for k, v in msgspec.to_builtins(profile).items() if k not in strip
    }


def test_enhanced_summary_survives_a_round_trip_through_the_document() -> None:
    # new_profile cannot set it, so the import keeps it in the document's meta for next time.
    exported = to_json_resume(
        msgspec.structs.replace(make(RICH), enhanced_professional_summary="Better.")
    )

    again = roundtrip(exported)

    assert again == exported
    assert again["meta"]["resumecore"]["enhanced_professional_summary"] == "Better."


def test_a_hand_edited_residue_that_would_break_the_schema_is_ignored() -> None:
    broken = {**RICH, "custom_fields": {"jsonresume": {"extra": {"awards": "not a list"}}}}

    sut = to_json_resume(make(broken))

    assert_schema_valid(sut)
    assert "awards" not in sut
    assert sut["basics"]["name"] == "Ada Lovelace"


def test_a_residue_of_the_wrong_shape_is_ignored() -> None:
    sut = to_json_resume(make({**RICH, "custom_fields": {"jsonresume": 42, "x": 1}}))

    assert_schema_valid(sut)
    assert sut["meta"]["resumecore"]["custom_fields"] == {"x": 1}


# --- import -----------------------------------------------------------------------------------

FOREIGN: dict[str, Any] = {
    "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
    "basics": {
        "name": "Richard Hendriks",
        "label": "Programmer",
        "image": "",
        "email": "richard@example.com",
        "phone": "(912) 555-4321",
        "url": "ftp://richard.example.com",
        "summary": "Compression.",
        "location": {
            "address": "2712 Broadway St",
            "city": "San Francisco",
            "countryCode": "US",
            "region": "California",
        },
        "profiles": [
            {"network": "Twitter", "username": "rh", "url": "https://twitter.example.com/rh"},
            {"network": "github", "username": "rh", "url": "https://github.com/rh"},
            {"network": "LinkedIn", "url": "linkedin.com/in/rh"},
        ],
        "x-pronouns": "he/him",
    },
    "work": [
        {
            "name": "Pied Piper",
            "position": "CEO",
            "url": "http://piedpiper.example.com",
            "description": "Compression company",
            "startDate": "2013",
            "summary": "Runs it.",
            "highlights": ["Won Disrupt", "   "],
            "x-team": {"size": 5},
        },
        {"name": "Hooli", "position": "Engineer", "startDate": "2010-02", "endDate": "2012-12-31"},
        {"name": "Nowhere", "startDate": "2009-01"},
        {"name": "Backwards", "position": "Dev", "startDate": "2008-05", "endDate": "2008-01"},
    ],
    "volunteer": [{"organization": "CoderDojo", "position": "Teacher", "startDate": "2012-01-01"}],
    "education": [
        {
            "institution": "University of Oklahoma",
            "area": "IT",
            "studyType": "Bachelor",
            "startDate": "2011-06-01",
            "endDate": "2014",
            "score": "3.8",
            "courses": ["DB1101"],
        },
        {
            "institution": "Stanford",
            "studyType": "Master",
            "score": "3.67/4.0",
            "startDate": "2019-13",
        },
        {"institution": "No degree"},
    ],
    "awards": [{"title": "Pioneer", "date": "2014-11-01", "awarder": "Techcrunch"}],
    "certificates": [
        {"name": "CKA", "date": "2020", "issuer": "CNCF", "url": "https://cncf.io/cka"}
    ],
    "publications": [{"name": "Middle-out", "releaseDate": "2014-10"}],
    "skills": [
        {"name": "Web Development", "level": "Master", "keywords": ["HTML", "CSS", "html"]},
        {"name": "Soft skills", "keywords": ["Negotiation"]},
        {"name": "Rust", "level": "Beginner"},
    ],
    "languages": [
        {"language": "English", "fluency": "Native speaker"},
        {"language": "German", "fluency": "B1"},
        {"fluency": "Fluent"},
    ],
    "interests": [{"name": "Wildlife", "keywords": ["Ferrets"]}],
    "references": [{"name": "Erlich Bachman", "reference": "Great."}],
    "projects": [
        {
            "name": "Miss Direction",
            "highlights": ["Won"],
            "keywords": ["Maps"],
            "url": "javascript:alert(1)",
            "roles": ["Lead"],
            "entity": "Smoogle",
            "type": "app",
        }
    ],
    "x-unknown-section": {"anything": [1, 2, {"deep": None}]},
    "meta": {
        "canonical": "https://example.com/resume.json",
        "version": "v1.0.0",
        "lastModified": "2017",
    },
}


def test_a_full_foreign_document_imports_into_a_valid_profile() -> None:
    assert PLAIN.is_valid(FOREIGN)

    sut = make(from_json_resume(copy.deepcopy(FOREIGN)))

    info = sut.personal_info
    assert (info.full_name, info.email, info.location) == (
        "Richard Hendriks",
        "richard@example.com",
        "San Francisco, California, US",
    )
    assert (info.website, info.github, info.linkedin) == (None, "https://github.com/rh", None)
    assert sut.professional_summary == "Compression."
    assert [
        (e.company, e.title, e.start_date, e.end_date, e.is_current) for e in sut.experiences
    ] == [
        ("Pied Piper", "CEO", "2013", None, True),  # a year stays a year
        ("Hooli", "Engineer", "2010-02", "2012-12-31", False),
        ("Backwards", "Dev", "2008-05", None, False),  # the end before the start is dropped
    ]
    assert sut.experiences[0].achievements == ("Won Disrupt",)
    assert [(e.institution, e.degree, e.start_date, e.end_date, e.gpa) for e in sut.education] == [
        ("University of Oklahoma", "Bachelor", "2011-06-01", "2014", 3.8),
        ("Stanford", "Master", None, None, None),
    ]
    assert sut.skills.technical == ("HTML", "CSS", "Rust")
    assert sut.skills.soft == ("Negotiation",)
    assert [(lang.name, lang.proficiency) for lang in sut.skills.languages] == [
        ("English", "native"),
        ("German", "conversational"),
    ]
    assert [(c.name, c.issuer, c.date_obtained) for c in sut.skills.certifications] == [
        ("CKA", "CNCF", "2020")
    ]
    assert [(p.name, p.url, p.technologies) for p in sut.projects] == [
        ("Miss Direction", None, ("Maps",))
    ]
    assert set(sut.custom_fields) == {"jsonresume"}


def test_a_full_foreign_document_comes_back_unchanged() -> None:
    assert roundtrip(FOREIGN) == FOREIGN


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_the_official_samples_import_and_come_back_unchanged(path: Path) -> None:
    document = json.loads(path.read_text())

    exported = roundtrip(document)

    assert without_ours(exported, document) == document


def test_an_empty_document_imports_to_a_placeholder_name_and_exports_empty() -> None:
    content = from_json_resume({})

    assert content["personal_info"]["full_name"] == "(no name)"
    assert to_json_resume(make(content)) == {}


def test_a_document_with_empty_sections_keeps_them() -> None:
    document = {"basics": {"profiles": []}, "work": [], "skills": [], "meta": {}}
    assert roundtrip(document) == document


def test_edits_after_import_win_over_imported_originals() -> None:
    profile = make(from_json_resume(copy.deepcopy(FOREIGN)))
    first = profile.experiences[0]
    edited = msgspec.structs.replace(
        profile,
        experiences=(
            msgspec.structs.replace(first, description="New summary.", start_date="2013-03"),
            *profile.experiences[1:],
        ),
        skills=msgspec.structs.replace(profile.skills, technical=("CSS", "Rust", "Go")),
    )

    sut = to_json_resume(edited)

    # The start date changed, so this item's imported extras no longer apply to it.
    assert sut["work"][0] == {
        "name": "Pied Piper",
        "position": "CEO",
        "startDate": "2013-03",
        "summary": "New summary.",
        "highlights": ["Won Disrupt"],
    }
    # Unmodelled items keep their place; untouched ones keep their extras.
    assert sut["work"][2] == FOREIGN["work"][2]
    assert sut["work"][1] == FOREIGN["work"][1]
    assert sut["skills"] == [
        {"name": "Web Development", "level": "Master", "keywords": ["CSS", "html"]},
        {"name": "Soft skills", "keywords": ["Negotiation"]},
        {"name": "Rust", "level": "Beginner"},
        {"name": "Technical", "keywords": ["Go"]},
    ]
    assert_schema_valid(sut)


def test_editing_a_field_not_used_to_find_the_item_keeps_its_extras() -> None:
    profile = make(from_json_resume(copy.deepcopy(FOREIGN)))
    first = msgspec.structs.replace(profile.experiences[0], title="Chief Executive")

    sut = to_json_resume(
        msgspec.structs.replace(profile, experiences=(first, *profile.experiences[1:]))
    )

    assert sut["work"][0] == {**FOREIGN["work"][0], "position": "Chief Executive"}


def test_an_edited_value_replaces_the_imported_original_it_came_from() -> None:
    profile = make(from_json_resume(copy.deepcopy(FOREIGN)))
    first = msgspec.structs.replace(
        profile.experiences[0], achievements=("Won Disrupt", "Raised A")
    )
    info = msgspec.structs.replace(profile.personal_info, location="Palo Alto, US")
    edited = msgspec.structs.replace(
        profile, personal_info=info, experiences=(first, *profile.experiences[1:])
    )

    sut = to_json_resume(edited)

    # Imported originals (the blank highlight, the detailed location) no longer apply ...
    assert sut["work"][0]["highlights"] == ["Won Disrupt", "Raised A"]
    assert sut["basics"]["location"] == {"city": "Palo Alto, US"}
    # ... while originals of values nobody touched still do.
    assert sut["work"][0]["startDate"] == "2013"
    assert sut["work"][0]["url"] == "http://piedpiper.example.com"
    assert sut["basics"]["label"] == "Programmer"


def test_profiles_keep_their_imported_order() -> None:
    document = {
        "basics": {
            "name": "A",
            "profiles": [
                {"network": "GitHub", "url": "https://github.com/a"},
                {"network": "LinkedIn", "url": "https://linkedin.com/in/a"},
            ],
        }
    }

    profile = make(from_json_resume(copy.deepcopy(document)))

    assert (profile.personal_info.github, profile.personal_info.linkedin) == (
        "https://github.com/a",
        "https://linkedin.com/in/a",
    )
    assert to_json_resume(profile) == document


def test_importing_our_own_export_needs_no_residue() -> None:
    content = from_json_resume(to_json_resume(make(RICH)))

    assert content["custom_fields"] == RICH["custom_fields"]


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"work": {}}, "work"),
        ({"work": ["job"]}, "work[0]"),
        ({"work": [{"startDate": "June 2019"}]}, "work[0].startDate"),
        ({"education": [{"endDate": 2019}]}, "education[0].endDate"),
        ({"basics": {"profiles": [{"url": 5}]}}, "basics.profiles[0].url"),
        ({"basics": {"location": "Berlin"}}, "basics.location"),
        ({"skills": [{"keywords": ["a", 1]}]}, "skills[0].keywords"),
        ({"awards": [{"title": None}]}, "awards[0].title"),
        ({"meta": []}, "meta"),
        ({"$schema": 1}, "$schema"),
    ],
)
def test_a_document_breaking_the_schema_is_refused_with_the_field_path(
    document: dict[str, Any], field: str
) -> None:
    assert not PLAIN.is_valid(document)
    with pytest.raises(InvalidValue) as caught:
        from_json_resume(document)
    assert field in [e.field for e in caught.value.errors]


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"work": [{"startDate": "2019-01", "endDate": None}]}, "work[0].endDate"),
        ({"basics": {"email": None}}, "basics.email"),
        ({"work": None}, "work"),
    ],
)
def test_a_null_is_refused_with_how_to_say_none(document: dict[str, Any], field: str) -> None:
    # Exporters write "endDate": null for a current role; "Use YYYY, YYYY-MM or YYYY-MM-DD."
    # alone did not say that leaving the key out is the way.
    with pytest.raises(InvalidValue) as caught:
        from_json_resume(document)
    [error] = caught.value.errors
    assert error.field == field
    assert error.message.endswith("The schema has no null: leave the field out instead.")


def test_a_document_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(InvalidValue):
        from_json_resume([])  # type: ignore[arg-type]


def test_a_top_level_key_containing_a_dot_is_an_ordinary_extra_key() -> None:
    document = {"basics.location": 5, "basics": {"name": "A"}}
    assert PLAIN.is_valid(document)
    assert roundtrip(document) == document


# --- properties over generated profiles -------------------------------------------------------

words = short_words()
json_values = json_values_strategy()
# Content as the app stores it, enhanced texts included (``make`` keeps them) and custom fields.
contents = profile_contents(max_experiences=4, max_education=2, max_projects=2, max_items=3)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents)
def test_export_is_schema_valid_and_survives_import_exactly(content: dict[str, Any]) -> None:
    profile = make(content)
    exported = to_json_resume(profile)

    assert_schema_valid(exported)
    assert roundtrip(exported) == exported


# --- properties over generated JSON Resume documents ------------------------------------------

documents = json_resume_documents()
loose_item = st.dictionaries(words, json_values, max_size=3)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
# Regression: a keyword-less skill named with a trailing space came back as a keyword of a
# "Technical" group (the profile stores it stripped; the export looked it up as written).
@example({"skills": [{"name": "0 "}]})
def test_any_valid_document_imports_and_every_field_comes_back(document: dict[str, Any]) -> None:
    assert PLAIN.is_valid(document)  # the generator only makes valid documents

    content = from_json_resume(copy.deepcopy(document))
    exported = to_json_resume(make(content))

    assert without_ours(exported, document) == document
    assert roundtrip(exported) == exported


wrong = st.sampled_from([None, 1, 2.5, True, [], {}, "x", "June 2019", ["a", 1]])


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["basics", "work", "skills", "meta", "awards", "x"]),
        wrong
        | st.lists(
            wrong
            | st.dictionaries(
                st.sampled_from(["name", "startDate", "keywords", "url", "location", "profiles"]),
                wrong,
                max_size=2,
            ),
            max_size=2,
        )
        | st.dictionaries(st.sampled_from(["name", "location", "profiles", "canonical"]), wrong),
        max_size=3,
    )
)
def test_import_refuses_exactly_the_documents_the_schema_refuses(document: dict[str, Any]) -> None:
    if PLAIN.is_valid(document):
        from_json_resume(copy.deepcopy(document))
    else:
        with pytest.raises(InvalidValue) as caught:
            from_json_resume(copy.deepcopy(document))
        assert caught.value.errors


residue_patch = st.fixed_dictionaries(
    {}, optional={"keys": st.lists(words, max_size=3), "doc": loose_item, "core": loose_item}
)
residue_entry = st.fixed_dictionaries(
    {},
    optional={"raw": loose_item, "fp": st.lists(json_values, max_size=2), "patch": residue_patch},
)
residues = st.fixed_dictionaries(
    {},
    optional={
        "extra": st.dictionaries(
            st.sampled_from(["awards", "meta", "work", "x"]), json_values, max_size=3
        ),
        "empty": st.lists(
            st.sampled_from(["basics", "basics.profiles", "work", "skills", "x"]), max_size=3
        ),
        "basics": residue_patch,
        "lists": st.dictionaries(
            st.sampled_from(["work", "basics.profiles", "languages"]),
            st.lists(residue_entry, max_size=3),
        ),
        "skills": st.lists(
            st.fixed_dictionaries(
                {
                    "doc": st.dictionaries(
                        st.sampled_from(["name", "keywords", "level"]), json_values
                    )
                },
                optional={
                    "tied": st.lists(st.integers(-2, 4), max_size=3),
                    "name": st.booleans(),
                    "soft": st.booleans(),
                },
            ),
            max_size=3,
        ),
    },
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(residues | json_values)
def test_any_hand_edited_residue_still_exports_a_valid_document(residue: Any) -> None:
    profile = make({**RICH, "custom_fields": {"jsonresume": residue}})

    sut = to_json_resume(profile)

    assert PLAIN.is_valid(sut)
    assert sut["basics"]["name"] == "Ada Lovelace"
    assert [item.get("position") for item in sut["work"] if "position" in item][:1] == [
        "Staff Engineer"
    ]
