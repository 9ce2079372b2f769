"""Which currency a pay figure is in.

The sign or code written with it, and for a bare "$" the country the posting names ("Toronto",
", QC", "+ super").
"""

from __future__ import annotations

import re
from functools import lru_cache

_SYMBOLS = {
    "us$": "USD",
    "ca$": "CAD",
    "c$": "CAD",
    "cad$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "nz$": "NZD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "euro": "EUR",
    "euros": "EUR",
    "k€": "EUR",
    "r$": "BRL",
    "r": "ZAR",
}
CODES = (
    "USD|EUR|GBP|CAD|AUD|NZD|CHF|SEK|NOK|DKK|PLN|INR|JPY|SGD|HKD|ZAR|CZK|MXN|BRL|AED|SAR|QAR|"
    "MYR|CNY|KRW|HUF|RON|ILS|KES|NGN|EGP"
)
# "R28 000" is South African rand, "R$ 5.000" Brazilian real.
CURRENCY = (
    rf"(?:US\$|CA\$|CAD\$|C\$|AU\$|A\$|NZ\$|R\$|\$|€|£|¥|₹|\b(?:{CODES})\b|"
    # A rand figure has thousands or three digits: "R28 000", "R350"; "Grade R3" is no pay.
    r"(?<![\w&/-])R(?= ?(?:\d{1,3}[ ,.\u202f]\d{3}|\d{3,})))"
)
_DOLLAR_COUNTRIES = (
    (
        "CAD",
        re.compile(
            r"\b(?:Canada|Canadians?|Toronto|Vancouver|Montr[eé]al|Ottawa|Calgary|Edmonton|"
            r"Ontario|Qu[eé]bec|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|"
            r"New Brunswick|Newfoundland)\b"
        ),
    ),
    (
        "AUD",
        re.compile(
            r"\b(?:Australia|Australian|Sydney|Melbourne|Brisbane|Perth|Adelaide|Hobart|Canberra|"
            r"New South Wales|Queensland|Tasmania|Western Australia|"
            r"Darwin)\b"
        ),
    ),
    (
        "NZD",
        re.compile(
            r"\b(?:New Zealand|NZ|Auckland|Wellington|Christchurch|Hamilton|Tauranga|Dunedin|"
            r"Waikato|Hauraki|Canterbury|Otago|Southland|Taranaki|KiwiSaver)\b"
        ),
    ),
    ("SGD", re.compile(r"\bSingapore\b")),
)
_US = re.compile(
    r"(?<![\w$])US(?=[/)\s,;.]|$)|\b(?:USA|U\.S\.|United States|401\(k\)|"
    r"(?<=, )(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|"
    r"MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC)\b(?=[\s),.;]|$))"
)
# "Laredo TX", "Mesa AZ 85201": a town and its state code without a comma (codes that are also
# English words, IN, OR, ME, OK, HI, are left out).
_US_TOWN_STATE = re.compile(
    r"(?<=[a-z] )(?:AL|AK|AZ|AR|CA|CO|CT|FL|GA|ID|IL|IA|KS|KY|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|"
    r"NM|NY|NC|ND|OH|PA|RI|SC|SD|TN|TX|UT|VT|VA|WV|WI|WY)(?= \d{5}\b|[),;]| \(|$)",
    re.MULTILINE,
)
# Signs of the country that outweigh a US state code elsewhere in the text.
_DOLLAR_REGIONS = (
    ("AUD", re.compile(r"\+ super\b|\bsuperannuation\b|\bPty Ltd\b|\b(?:NSW|VIC|QLD|TAS)\b")),
    ("CAD", re.compile(r", (?:BC|ON|AB|QC|MB|SK|NS|NB|NL|PE)\b")),
)


def currency_of(symbol: str) -> str:
    """The ISO code of a sign or code: ``"£"`` -> ``"GBP"``, ``"c$"`` -> ``"CAD"``."""
    lowered = symbol.lower()
    if lowered == "$":
        return "USD"
    return _SYMBOLS.get(lowered, symbol.upper())


@lru_cache(maxsize=4)
def in_us(text: str) -> bool:
    """Whether the posting names a US place, state code or the 401(k)."""
    # Cached: every candidate of one posting asks the same question of the same text.
    return bool(_US.search(text) or _US_TOWN_STATE.search(text))


@lru_cache(maxsize=4)
def dollar_of(text: str) -> str:
    """The dollar a bare "$" in ``text`` means: AUD, CAD, NZD, SGD or USD."""
    for code, pattern in _DOLLAR_REGIONS:
        if pattern.search(text):
            return code
    if in_us(text):
        return "USD"
    for code, pattern in _DOLLAR_COUNTRIES:
        if pattern.search(text):
            return code
    return "USD"
