"""Evidence in the posting for what a model proposed: text it contains, pay the parser accepts.

Every check is against the normalised posting the deterministic parser read, never against the
masked copy the model saw, so a placeholder ("[EMAIL_1]") can never pass.
"""

from __future__ import annotations

import re

from resumecore.posting_assist.prompt import ProposedSalary
from resumecore.postings.salary import SalaryRange, find_salary

# Looser than the parser's own phrasing rules on purpose: the model read the context; the text
# only has to say the word.
WORK_MODE_WORDS = {
    "remote": r"\bremote(?:ly)?\b|\bwork(?:ing)? from home\b|\bWFH\b|\btelecommut|\bhome ?office\b",
    "hybrid": r"\bhybrid\b",
    "onsite": r"\bon-?site\b|\bon site\b|\bin[- ]person\b|\bin[- ]office\b|\boffice[- ]based\b",
}
EMPLOYMENT_WORDS = {
    "full_time": r"\bfull[- ]?time\b|\bpermanent\b|\bvollzeit\b",
    "part_time": r"\bpart[- ]?time\b|\bteilzeit\b",
    "contract": r"\bcontract(?:or)?\b|\bfreelance|\bC2C\b",
    "temporary": r"\btemporary\b|\btemp\b|\bseasonal\b|\bfixed[- ]term\b|\bbefristet\b",
    "internship": r"\bintern(?:ship)?s?\b|\bpraktikum\b|\bwerkstudent",
}
_PERIOD_WORDS = {
    "hour": r"\bhour|\bhr\b|/h\b|\bhourly\b",
    "day": r"\bday\b|\bdaily\b",
    "week": r"\bweek|\bwk\b",
    "month": r"\bmonth|\bmo\b",
    "year": r"\byear|\bannum\b|\bannual|\byr\b|\bp\.?a\.?\b",
}
_SYMBOL_CODES = {
    "$": {"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"},
    "€": {"EUR"},
    "£": {"GBP"},
    "¥": {"JPY", "CNY"},
    "₹": {"INR"},
}
_FIGURE = re.compile(
    r"(?<![\d.,])(?P<num>\d{1,3}(?:[,. \u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?!\d)"
    r"(?P<k>\s?[kK](?![a-zA-Z]))?"
    r"(?P<range_k>(?=\s?(?:-|\u2013|—|to)\s?\D?\d{1,3}\s?[kK](?![a-zA-Z])))?"
)
_LINE_TAIL = 80
_LEAD = 25


def verbatim(phrase: str, text: str) -> str | None:
    """``phrase`` as ``text`` writes it (case-insensitive, any whitespace), or None if absent.

    A phrase that starts or ends with a letter or digit must not be part of a longer word.
    """
    words = phrase.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(word) for word in words)
    lead = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    tail = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    found = re.search(lead + body + tail, text, re.IGNORECASE)
    return " ".join(found.group(0).split()) if found else None


def stated(value: str, table: dict[str, str], text: str) -> bool:
    """Whether ``text`` says a word that stands for ``value`` in ``table``."""
    pattern = table.get(value)
    return pattern is not None and re.search(pattern, text, re.IGNORECASE) is not None


def base_pay(proposed: ProposedSalary, text: str) -> SalaryRange | None:
    """The proposed pay if every figure appears in ``text`` as base pay, else None.

    A figure counts where the parser's own ``find_salary``, reading from just before it to the
    end of its line as a salary line, accepts it: the same veto of OTE, bonus, commission,
    sign-on, per-mile and other figures that are not base pay.
    """
    figures = [value for value in (proposed.min, proposed.max) if value is not None]
    if not figures or any(value <= 0 for value in figures):
        return None
    windows: list[tuple[int, int, SalaryRange]] = []
    for value in figures:
        found = _accepted(value, text)
        if found is None:
            return None
        windows.append(found)
    start, end = windows[0][0], windows[-1][1]
    near = text[start:end] if 0 <= end - start <= 2 * _LINE_TAIL else text[slice(*windows[0][:2])]
    read = windows[0][2]
    currency = (proposed.currency or "").upper()
    if not _currency_stated(currency, near, text):
        currency = read.currency or ""
    period = read.period
    if period is None and proposed.period and stated(proposed.period, _PERIOD_WORDS, near):
        period = proposed.period
    return SalaryRange(
        min=proposed.min,
        max=proposed.max,
        currency=currency or None,
        period=period,
        text=" ".join(near.split())[:200],
    )


def _accepted(value: float, text: str) -> tuple[int, int, SalaryRange] | None:
    for found in _FIGURE.finditer(text):
        if not any(abs(value - v) < 0.005 for v in _values(found)):
            continue
        line_start = text.rfind("\n", 0, found.start()) + 1
        line_end = text.find("\n", found.end())
        start = max(line_start, found.start() - _LEAD)
        end = min(len(text) if line_end < 0 else line_end, found.end() + _LINE_TAIL)
        read = find_salary("Salary: " + text[start:end])
        if read is not None and any(abs(value - v) < 0.005 for v in (read.min, read.max) if v):
            return found.start(), end, read
    return None


def _values(found: re.Match[str]) -> set[float]:
    raw = found.group("num").replace(" ", "").replace("\u202f", "")
    parts = re.split(r"[.,]", raw)
    if len(parts) > 1 and len(parts[-1]) <= 2:
        number = float("".join(parts[:-1]) + "." + parts[-1])
    else:
        number = float("".join(parts))
    scaled = found.group("k") is not None or found.group("range_k") is not None
    return {number, number * 1000} if scaled else {number}


def _currency_stated(code: str, near: str, text: str) -> bool:
    if not re.fullmatch(r"[A-Z]{3}", code):
        return False
    if re.search(rf"\b{code}\b", text):
        return True
    return any(code in codes and symbol in near for symbol, codes in _SYMBOL_CODES.items())
