"""``clean_richtext``: rich text as readers see it, through the same sanitiser as every other output.

Wagtail's ``|richtext`` trusts what is stored, and the admin's editor is not the only way in: services, imports and
the demo loader save rich text directly. Every template that shows rich text uses this filter instead, so a
``<script>`` or an event handler that reached the database never reaches a page.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from wagtail.rich_text import RichText, expand_db_html

from tribune.core.text import clean_html

register = template.Library()


@register.filter
def clean_richtext(value) -> SafeString:
    source = value.source if isinstance(value, RichText) else str(value or "")
    # clean_html keeps only the allow-listed tags and attributes, so its output is safe to mark as such.
    return mark_safe(clean_html(expand_db_html(source)))  # noqa: S308
