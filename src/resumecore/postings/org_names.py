"""Does a short run of words read as a business's name? "Blue Heron Bistro", "Acme Holdings".

A title line often ends in the employer ("Line Cook - Blue Heron Bistro"); a specialisation
("Certified Medical Assistant - Family Medicine") does not end in the noun a business name
ends in.
"""

from __future__ import annotations

import re

# The last word of a company's name whatever its length: "Summit Comfort Partners", "Acme Inc".
_LEGAL_OR_FIRM = re.compile(
    r"\b(?:partners|holdings|company|co\.?|inc\.?|ltd\.?|llc|gmbh|corp\.?|corporation|"
    r"enterprises|associates|contractors|plc)$",
    re.IGNORECASE,
)
# Nouns a trading name ends in, read only on names of two or more capitalised words.
_TRADE_NOUN = re.compile(
    r" (?:Bistro|Caf[eé]|Restaurant|Grill|Brasserie|Tavern|Pub|Bakery|Hotel|Inn|Resort|"
    r"Dentistry|Orthodontics|Vets|Logistics|Freight|Trucking|Haulage|Electric|Builders|Labs|"
    r"Technologies|Bank|Motors|Farms|Foods|Industries|Steelworks|Warehousing|Studios?)$"
)
# Nouns that also name a field of work ("Public Health", "Structural Engineering"): a name of
# three or more words only.
_FIELD_NOUN = re.compile(
    r" (?:Clinic|Dental|Pharmacy|Hospital|Healthcare|Health|Medical|Veterinary|Transport|"
    r"Plumbing|Heating|Roofing|Construction|Manufacturing|Engineering|Distribution|Kitchen|"
    r"Academy|School|College|Surgery|Practice|Agency)$"
)
_LEGAL_FORM = re.compile(
    r"\b(?:inc|ltd|llc|llp|gmbh|plc|corp|pty|s\.?a\.?s?|s\.?l\.?|b\.?v\.?|ag|limited|cic|cio)\.?\)?$",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"^(?:[A-Z0-9][\w&.'\u2019-]*|&|of|and|the|de|la)$")
_NAME_TAIL = re.compile(r"^(?:[A-Z][\w&'-]* ){2,}(?:Systems|Services|Solutions|Group)$")


def has_legal_form(name: str) -> bool:
    """``"Fynbos Actuarial Consultants (Pty) Ltd"``: a name that ends in its legal form."""
    return bool(_LEGAL_FORM.search(name))


def reads_as_business(name: str) -> bool:
    """``"Blue Heron Bistro"``, ``"Kestrel Holdings"`` -> True; ``"Family Medicine"`` -> False."""
    words = name.split()
    if _LEGAL_OR_FIRM.search(name) or _NAME_TAIL.search(name):
        return True
    return (
        2 <= len(words) <= 6
        and all(_CAPITALISED.match(w) for w in words)
        and bool(_TRADE_NOUN.search(name) or (len(words) >= 3 and _FIELD_NOUN.search(name)))
    )
