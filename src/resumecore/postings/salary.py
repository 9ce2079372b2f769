"""Find the pay range in a posting: amounts, currency, period ("£40k-£50k", "$35/hr")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import Literal

import msgspec

from resumecore.postings.salary_currency import CODES, CURRENCY, currency_of, dollar_of, in_us

Period = Literal["year", "month", "week", "day", "hour"]

# The characters an amount can start with (a currency sign or code, a space, a digit), looked
# at first so the alternatives run only there.
_AMOUNT_STARTS = (
    r"(?=[\d \u00a0\u202f$€£¥₹" + "".join(sorted({c[0] for c in CODES.split("|")})) + "])"
)
# What may stand before an amount's figure: a sign or code ("CAD$", "USD") and a space.
_AMOUNT_LEAD = rf"(?P<pre>{CURRENCY})?[ \u00a0\u202f]?"
# The most characters _AMOUNT_LEAD matches ("CAD$ "): an amount starts at most this far before
# the first digit of its figure.
_AMOUNT_LEAD_WIDTH = 5
_AMOUNT = re.compile(
    _AMOUNT_STARTS
    + _AMOUNT_LEAD
    + r"(?P<num>(?<![\d.,])(?:\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:[,. \u202f'\u2019]\d{3})+|\d{1,7})"
    r"(?:[.,]\d{1,2})?(?!\d))"
    r"(?P<k>\s?[kK](?![a-zA-Z]))?(?P<lakh>\s?(?i:LPA|lakhs?|lacs?)\b|(?<=\d)L(?![a-zA-Z]))?"
    rf"(?:[ \u00a0\u202f]?(?P<post>k€|€|£|\$(?!\s?\d)|\b(?:{CODES}|euros?)\b))?"
)
_DIGITS = re.compile(r"\d+")
# "CAD $48,000", "AUD $95k": an ISO code written before the dollar sign names the dollar.
_CODE_BEFORE = re.compile(rf"\b(?P<code>{CODES})\s?$")
# "Hourly rate: $25", "Weekly pay $1,200": the period named before the figure on its line.
_PERIOD_BEFORE: tuple[tuple[Period, re.Pattern[str]], ...] = (
    ("hour", re.compile(r"\bhourly\b|\bper hour\b|\bpor hora\b|\bstündlich", re.IGNORECASE)),
    ("week", re.compile(r"\bweekly\b|\bper week\b|\bsemanal\b|\bwöchentlich", re.IGNORECASE)),
    (
        "month",
        re.compile(
            r"\bmonthly\b|\bper month\b|\bmensual\b|\bmensuel|\bmonatlich|\bmaandelijks|\bmensile",
            re.IGNORECASE,
        ),
    ),
    ("year", re.compile(r"\bannual\b|\bper (?:year|annum)\b|\banual\b|\bjährlich", re.IGNORECASE)),
)
_RANGE_GAP = re.compile(
    r"^\s*(?:(?:/|per |an? )\s?[a-zA-Z]+\.?\s*)?(?:-|\u2013|—|to|bis|à|a|y|and|und|et|en|e)\s*$",
    re.IGNORECASE,
)
_FILLER = re.compile(
    r"^(?:,-{1,2})?[\s,(]*(?:(?:gross|brutto|brutos?|bruts?|netto|net|base|basic|before tax|"
    r"pre-tax|DOE|OTE|depending on experience|salary)[\s,)]*)*",
    re.IGNORECASE,
)
_PERIOD_PATTERNS: tuple[tuple[Period, str], ...] = (
    (
        "hour",
        r"(?:/|per|an|a|pro|por|de l'|par|i|all')\s?(?:(?:teaching|contact|billable|working) )?"
        r"(?:hour|hr|h|stunde|hora|heure|timme|uur|ora)\b"
        r"|hourly"
        r"|p/h(?:r)?\b|ph\b|p\.h\.",
    ),
    ("day", r"(?:/|per|a|pro|par|por)\s?(?:day|d|tag|jour|día)\b|daily|day rate"),
    ("week", r"(?:/|per|a|pro|par|por)\s?(?:week|wk|woche|semaine|semana)\b|weekly"),
    (
        "month",
        r"(?:/|per|a|pro|par|al|por|i|im|au)\s?"
        r"(?:month|mo|monat|mois|mes|månad|måned|måneden|mån|maand|mese)\b"
        r"|monthly|monatlich|mensuel\w*|mensual\w*|maandelijks|mensil\w*|miesięcznie|měsíčně",
    ),
    (
        "year",
        r"(?:/|per|a|an|pro|par|al|por|i|all')\s?"
        r"(?:year|yr|annum|jahr|an|año|år|året|jaar|anno)(?!\w)"
        r"|p\.\s?a\.|\bpa\b"
        r"|annually|yearly|annual|jährlich|annuels?|anuales?|anual|jaarlijks|annu[oi]|rocznie|ročně",
    ),
)
_PERIODS = tuple((period, re.compile(p, re.IGNORECASE)) for period, p in _PERIOD_PATTERNS)
_LABEL = re.compile(
    r"\b(?:salary|salaries|compensation|pay|rate|wage|wages|earn|gehalt|vergütung|salaire|"
    r"rémunération|salario|sueldo|remuneration|ote|base|ctc|stipendio|loon|salaris|lön|lønn|"
    r"palkka|wynagrodzenie|ral|retribuzione|stipendio)\b",
    re.IGNORECASE,
)
_NOT_PAY = re.compile(
    r"\b(?:bonus|budget|stipend|allowance|differential|reimbursement|sign-on|signing|referral|"
    r"funding|raised|revenue|discount|credit|match|per employee|take-home|learning|"
    r"million|billion|m|bn|ote|on-target|commission|variable|detention|earnings|tips|"
    r"per (?:mile|load|stop|drop|delivery)|cpm|layover|spend|acv|arr|quota|deals?|cents?|"
    r"average|averaging|avg)\b|"
    # "$25 per tarp", "$0.40 per piece": a rate per thing done, not per period of work.
    r"^\s*(?:/\s?|(?:per|a|an|pro) )(?!(?:hour|hr|h|day|shift|week|wk|month|mo|year|yr|annum|"
    r"stunde|std|tag|woche|monat|jahr|heure|jour|semaine|mois|an|année|hora|día|semana|mes|"
    r"año|månad|måned|år|timme|mån|rata|maand|jaar|uur|mese|anno|ora)s?\b)[a-z]+\b",
    re.IGNORECASE,
)
# "+ $75 extra stop", "plus $2/hr freezer premium": a figure added on to the pay is not the pay.
_ADD_ON = re.compile(r"(?:\+|\bplus)\s*(?:an? )?(?:extra |additional )?$", re.IGNORECASE)
_AFTER_BREAK = re.compile(r"[(,;\d]|[.!?]\s")
# What follows a figure's own words: "+ bonus", ". Plus an annual bonus", "with OTE of".
_NEXT_CLAUSE = re.compile(r"[+,;(]|\.\s|\b(?:plus|and|with|or|up to)\b", re.IGNORECASE)
_LARGE = re.compile(r"\s?(?:[mM]\b|mn\b|million|bn\b|billion|Mio|Cr\b|crores?)")
_UP_TO = re.compile(r"\b(?:up to|upto|max(?:imum)?|bis zu|jusqu'à|hasta)\s*$", re.IGNORECASE)
_FLOOR = re.compile(
    r"\b(?:from|starting (?:at|from)|minimum(?: salary| pay| wage)?(?: of| is)?|min\.?|ab|"
    r"mindestens|mindestgehalt(?: beträgt)?|mindestlohn(?: beträgt)?|à partir de|desde|"
    r"a partir de|vanaf)\s*$",
    re.IGNORECASE,
)
_LAKH = 100_000
_MIN_YEARLY = 15000
_LINE_REACH = 200
# The most figures read as possible pay: the 360 stored postings have at most 61, and a paste of
# thousands ("$1-$2k $1-$2k ...") would otherwise weigh each against its line.
_MAX_AMOUNTS = 120


class SalaryRange(msgspec.Struct, frozen=True, kw_only=True):
    """A pay range; ``text`` is the span it was read from."""

    min: float | None
    max: float | None
    currency: str | None
    period: Period | None
    text: str


class _Money(msgspec.Struct, frozen=True):
    start: int
    end: int
    value: float
    currency: str | None
    # The multiplier written after the figure ("k", "LPA"); in "$60-65k" it holds for both ends.
    scale: float = 1.0


def find_salary(text: str, context: str = "") -> SalaryRange | None:
    """The most salary-like money range in ``text``, or ``None``.

    Args:
        text: Normalised posting text.
        context: Where the country is read from for a bare "$" when not ``text`` itself (the
            whole posting, whose board facts may name "Ottawa, ON").

    Returns:
        Amounts, ISO currency and period of the best candidate: one on a line about pay, a range,
        with a period, and not a bonus, budget or allowance.
    """
    read = (_money(text, found) for found in islice(_amount_matches(text), _MAX_AMOUNTS))
    amounts = [m for m in read if m]
    best: tuple[int, SalaryRange] | None = None
    index = 0
    while index < len(amounts):
        low = amounts[index]
        high = low
        if index + 1 < len(amounts) and _RANGE_GAP.match(text[low.end : amounts[index + 1].start]):
            high = amounts[index + 1]
            index += 1
            if low.scale == 1.0 and high.scale > 1.0 and low.value * high.scale <= high.value:
                low = msgspec.structs.replace(low, value=low.value * high.scale, scale=high.scale)
        index += 1
        candidate = _candidate(text, low, high, context or text)
        if candidate is not None and (best is None or candidate[0] > best[0]):
            best = candidate
    return best[1] if best else None


def _amount_matches(text: str) -> Iterator[re.Match[str]]:
    """What ``_AMOUNT.finditer(text)`` finds, tried only where an amount can start.

    A figure starts at the first digit of a run of digits, and an amount at most
    ``_AMOUNT_LEAD_WIDTH`` characters before its figure; trying the pattern at those positions
    alone, in order, skips the scan of every other position of the text (most of it is words).
    """
    tried = 0  # positions before this one are tried, or inside the last amount found
    for digits in _DIGITS.finditer(text):
        for start in range(max(tried, digits.start() - _AMOUNT_LEAD_WIDTH), digits.start() + 1):
            found = _AMOUNT.match(text, start)
            if found:
                yield found
                tried = found.end()
                break
        else:
            tried = max(tried, digits.start() + 1)


def _money(text: str, found: re.Match[str]) -> _Money | None:
    if _LARGE.match(text, found.end()):
        return None
    if not found.group("pre") and text[found.start("num") - 1 : found.start("num")].isalpha():
        return None  # "NR3", "B2": a figure glued to letters is a code

    lakh = bool(found.group("lakh"))
    if found.group("lakh") == "L" and (found.group("pre") or "") not in {"₹", "INR"}:
        lakh = False  # "₹25L" is 25 lakh; "25L" alone may be litres
    scale = 1000.0 if found.group("k") else _LAKH if lakh else 1.0
    value = _number(found.group("num")) * scale
    post = found.group("post")
    # "$22,000 MXN": an ISO code after the figure names the dollar before it.
    coded = post and post.isupper() and len(post) == 3
    symbol = post if coded else found.group("pre") or post
    currency = currency_of(symbol) if symbol else "INR" if lakh else None
    if symbol == "$" and (
        code := _CODE_BEFORE.search(text, max(0, found.start() - 5), found.start())
    ):
        currency = code.group("code").upper()
    return _Money(found.start(), found.end(), value, currency, scale)


def _candidate(
    text: str, low: _Money, high: _Money, context: str
) -> tuple[int, SalaryRange] | None:
    currency = low.currency or high.currency
    if high is not low and high.currency not in (None, low.currency) and low.currency == "USD":
        currency = high.currency  # "$18,000 - $22,000 MXN": the code after the range names it
    if low.value <= 0 or high.value > 10_000_000 or high.value < low.value:
        return None
    if currency is None and high.value < 1000:
        return None
    # The figure's line, at most _LINE_REACH characters either side: a posting pasted as one
    # long line must not make every figure read all of it.
    reach = max(0, low.start - _LINE_REACH)
    line_start = max(text.rfind("\n", reach, low.start) + 1, reach)
    line_end = text.find("\n", high.end, high.end + _LINE_REACH)
    line = text[line_start : min(len(text), high.end + _LINE_REACH) if line_end < 0 else line_end]
    labelled = bool(_LABEL.search(line))
    after = text[high.end : high.end + 40].split("\n", maxsplit=1)[0]
    filler = _FILLER.match(after)
    tail = after[filler.end() if filler else 0 :]
    period, period_end = _period(tail)
    # "45-55k/yr DOE" in a terse list: thousands with a period written on are pay, sign or not.
    if currency is None and not labelled and not (period and high.scale == 1000.0):
        return None
    end = high.end + (len(after) - len(tail)) + period_end if period else high.end
    if period is None:
        period = _period_before(text[line_start : low.start])
    if period is None and (high.value >= _MIN_YEARLY or high.scale == _LAKH):
        period = "year"
    written = text[low.start : low.end]
    if currency == "USD" and "$" in written and "US$" not in written:
        currency = dollar_of(context)
    elif currency is None and in_us(context):
        currency = "USD"
    nearby = text[high.end : min(len(text), high.end + 30)].split("\n", maxsplit=1)[0]
    # "OTE $90,000 ($50,000 base)", "$5,000 sign-on bonus! Pay $19/hr", "tips average $10/hr on
    # top of $15/hr base": what is said before a bracket, a comma, a sentence's end or an earlier
    # figure is about what came before.
    before = _AFTER_BREAK.split(text[max(line_start, low.start - 25) : low.start])[-1]
    score = 4 * labelled + 2 * (high is not low) + 2 * (period is not None) + (currency is not None)
    # "$1.50/hr shift differential", "$240K OTE": the words right after the figure say what it
    # is; "+ bonus" further on does not make a labelled salary a bonus.
    right_after = _NEXT_CLAUSE.split(nearby, maxsplit=1)[0]
    if _NOT_PAY.search(right_after) or _NOT_PAY.search(before) or _ADD_ON.search(before):
        return None
    if _NOT_PAY.search(nearby) and not labelled:
        score -= 6
    salary = SalaryRange(
        min=None if _UP_TO.search(before) and high is low else low.value,
        # "Das Mindestgehalt beträgt € 2.640", "from £28,000": a floor, no ceiling.
        max=None if _FLOOR.search(before) and high is low else high.value,
        currency=currency,
        period=period,
        text=text[low.start : end].strip(),
    )
    return score, salary


def _period(tail: str) -> tuple[Period | None, int]:
    stripped = tail.lstrip()
    for period, pattern in _PERIODS:
        found = pattern.match(stripped)
        if found:
            return period, len(tail) - len(stripped) + found.end()
    return None, 0


def _period_before(label: str) -> Period | None:
    return next((period for period, pattern in _PERIOD_BEFORE if pattern.search(label)), None)


def _number(raw: str) -> float:
    cleaned = raw.replace(" ", "").replace("\u202f", "").replace("'", "").replace("\u2019", "")
    parts = re.split(r"[.,]", cleaned)
    if len(parts) > 1 and len(parts[-1]) <= 2:
        return float("".join(parts[:-1]) + "." + parts[-1])
    return float("".join(parts))
