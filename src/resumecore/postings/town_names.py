"""A found location's town, read against the known towns of the world.

``"siège de Lyon Part-Dieu"`` -> ``"Lyon"``, ``"Hamburg-Altona, Germany"`` -> ``"Hamburg,
Germany"``. A location whose town part is already a known town, or names none, stays as it is.
"""

from __future__ import annotations

from resumecore.postings import gazetteer


def known_town(location: str) -> str:
    """``location`` with its town part (before the first comma) cut to the known town it names."""
    head, comma, rest = location.partition(", ")
    if head.lower().startswith("remote"):
        return location
    district = gazetteer.district_town(head, spaced=True)
    if district is None and gazetteer.is_town(head):
        return location
    town = district or gazetteer.town_within(head)
    return f"{town}{comma}{rest}" if town else location
