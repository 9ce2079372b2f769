"""Job-posting parsing: pure, deterministic extraction of fields and canonical skills."""

from resumecore.postings.model import EmploymentType, ParsedPosting, Remote
from resumecore.postings.normalize import normalize_posting_text
from resumecore.postings.parser import MAX_LENGTH, parse_posting
from resumecore.postings.salary import Period, SalaryRange
from resumecore.postings.skill_match import SkillMatch
from resumecore.postings.vocabulary import SkillEntry, SkillVocabulary, default_vocabulary

__all__ = [
    "MAX_LENGTH",
    "EmploymentType",
    "ParsedPosting",
    "Period",
    "Remote",
    "SalaryRange",
    "SkillEntry",
    "SkillMatch",
    "SkillVocabulary",
    "default_vocabulary",
    "normalize_posting_text",
    "parse_posting",
]
