"""URL converters shared by every app's urls.py (registered in CoreConfig.ready)."""


class UnicodeSlugConverter:
    """Like Django's ``slug`` converter, but also letters of any script: Wagtail and taggit keep them in slugs."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
