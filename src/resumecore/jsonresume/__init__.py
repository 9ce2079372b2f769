"""JSON Resume 1.x (https://jsonresume.org/schema) export and import, lossless both ways.

``to_json_resume(profile)`` maps a profile to a document; ``from_json_resume(document)`` maps
any valid document to content for ``new_profile``. What one side cannot hold travels in the
other's spare room, so for every profile ``p`` and every valid document ``d``:

* ``export(new_profile(import(export(p)))) == export(p)``;
* ``export(new_profile(import(d)))`` equals ``d`` except for an added ``meta.resumecore``.

Field mapping (ours -> JSON Resume; empty values are left out of the document):

* personal_info: full_name -> ``basics.name``; email, phone; website -> ``basics.url``;
  location (one free-text line) -> ``basics.location.city``; linkedin and github ->
  ``basics.profiles`` items ``{"network": "LinkedIn"|"GitHub", "url"}``.
  professional_summary -> ``basics.summary``.
* experience -> ``work``: company -> name, title -> position, location, start_date ->
  startDate, end_date -> endDate, description -> summary, achievements -> highlights.
  technologies, employment_type and industry have no home: they go to ``meta.resumecore``.
* education: institution, degree -> studyType, field_of_study -> area, start/end dates,
  gpa -> score (``repr`` of the number, e.g. ``"3.5"``).
* project -> ``projects``: name, description, technologies -> keywords, url, start/end dates,
  highlights; repository_url and is_ongoing go to ``meta.resumecore``.
* certification -> ``certificates``: name, issuer, date_obtained -> date.
* language -> ``languages``: name -> language; proficiency -> fluency ("Native speaker",
  "Fluent", "Conversational", "Basic").
* skills: technical -> ``{"name": "Technical", "keywords": [...]}`` and soft ->
  ``{"name": "Soft skills", "keywords": [...]}``, each only when non-empty.
* ``meta.resumecore`` (reserved) holds our fields with no JSON Resume home: custom_fields,
  enhanced_professional_summary, and per-item lists aligned with the exported arrays:
  ``work`` (is_current when it differs from "no endDate", enhanced_description),
  ``education`` (honors, is_current, description), ``projects`` (enhanced_description,
  repository_url, is_ongoing), ``certificates``
  (expiry_date, credential_id). Ids, version, is_primary and timestamps are not exported.

Import is the inverse, plus these choices for what does not fit:

* A value our rules refuse is left out of the model, never truncated or invented: blank or
  too long text, a non-http(s) URL, an e-mail without ``@``, an impossible date (2019-13,
  1850), an end date before its start (the end is dropped), a score that is not a plain
  number 0-4 (``"3.67/4.0"``).
* Dates: ``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD`` are kept as written (a year alone is shown
  as the year, never given a month the document did not state).
* location: city, region and countryCode joined with ``", "``. fluency: text starting with
  native, fluent, conversational or intermediate (-> conversational), basic, beginner or
  elementary (-> basic); anything else -> conversational.
* basics.profiles: the first LinkedIn and the first GitHub item (network compared
  case-insensitively) with an http(s) url. A missing ``basics.name`` gives the full name
  ``"(no name)"`` (our model requires one); export leaves it out again until it is changed.
* skills: an entry named "Soft skills" gives soft skills from its keywords; any other entry
  gives technical skills from its keywords or, having none, from its name. A skill repeated
  (case-insensitively) or beyond our limits stays only in the document.
* An array item lacking what our model requires (work: position, name and startDate;
  education: institution and studyType; projects, certificates: name; languages: language)
  or beyond our item limits is kept whole, unmodelled, and exported at its old position.
* A ``work`` item without ``endDate`` is current unless ``meta.resumecore`` says otherwise.
* Everything else goes to ``custom_fields["jsonresume"]`` (``export.Residue``): sections we
  do not model (awards, volunteer, publications, interests, references), unknown keys,
  ``$schema`` and ``meta``, unmodelled items, and the original of every value that differs
  from our mapping (a bare year, an http-less url, a label, courses, a work url...).
  Export replays each original only while the profile value it replaced is unchanged, and
  finds array items again by company + startDate (work), institution (education), name or
  language (others), so editing a profile never resurrects stale imported values. Skill
  groups keep their imported shape; skills added later go to the default groups, removed
  ones leave their group (a group left without keywords is dropped).
* ``meta.resumecore`` restores our own fields; parts that cannot be used (invalid
  custom_fields, enhanced_professional_summary, which ``new_profile`` does not accept, unknown
  keys) stay in ``meta`` and are exported again.

Limits: a document whose unmodelled parts exceed the custom-field budget (64 KiB, 100 keys)
is refused by ``new_profile``. ``from_json_resume`` checks types and the date pattern of the
schema (ECMA-262 style: a date followed by a newline is not a date); like JSON Schema validators by
default, it does not check the ``email`` and ``uri`` formats.
"""

from resumecore.jsonresume.export import to_json_resume
from resumecore.jsonresume.importer import from_json_resume

__all__ = ["from_json_resume", "to_json_resume"]
