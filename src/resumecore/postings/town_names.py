"""A found location's town, read against the known towns of the world.

``"siège de Lyon Part-Dieu"`` -> ``"Lyon"``, ``"Hamburg-Altona, Germany"`` -> ``"Hamburg,
Germany"``, ``"Indiranagar, Bengaluru, Karnataka"`` -> ``"Bengaluru, Karnataka"``. A location
whose town part is already a known town, or names none, stays as it is.
"""

from __future__ import annotations

from resumecore.postings import gazetteer, places

# A city this large after an unknown name is the city the name is a part of.
_CITY = 1_000_000


def known_town(location: str) -> str:
    """``location`` with its town part (before the first comma) cut to the known town it names."""
    head, comma, rest = location.partition(", ")
    if head.lower().startswith("remote"):
        return location
    district = gazetteer.district_town(head, spaced=True)
    if district is None and gazetteer.is_town(head):
        return location
    town = district or gazetteer.town_within(head)
    if town:
        return f"{town}{comma}{rest}"
    # "Sandton, Johannesburg", "Indiranagar, Bengaluru": a part of a large city, then the city.
    city = rest.split(", ", 1)[0]
    if gazetteer.town_size(city) >= _CITY and not places.region_or_country(city):
        return rest
    return location
