"""The names readers know, where ISO 3166's English name is a formal or inverted one that pycountry gives no common
name for ("Russian Federation", "Congo, The Democratic Republic of the"). A country's stored name and slug come from
here, so its page is ``/countries/russia/``; the ISO name's slug, used before, redirects (``country_for_former_slug``).
Kept as plain data: the data migration that renamed existing countries reads it too."""

EVERYDAY_NAMES = {
    "CC": "Cocos Islands",
    "CD": "Democratic Republic of the Congo",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "MF": "Saint Martin",
    "PS": "Palestine",
    "RU": "Russia",
    "SX": "Sint Maarten",
    "VA": "Holy See",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
}


def everyday_name(record) -> str:
    """The name of a pycountry record readers know: ours, else ISO's common name, else its name."""
    return EVERYDAY_NAMES.get(record.alpha_2) or getattr(record, "common_name", None) or record.name


def iso_name(record) -> str:
    return getattr(record, "common_name", None) or record.name
