"""Slugs for entity ids of people and organisations the knowledge base does not know."""

import re
import unicodedata

NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """ "Aminata Sangaré" -> "aminata-sangare"; "People's Bank" -> "peoples-bank"."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    folded = folded.replace("'", "").replace("’", "")
    return NOT_SLUG.sub("-", folded).strip("-")
