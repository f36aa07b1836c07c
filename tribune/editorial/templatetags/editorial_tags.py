"""What the editorial layer adds to reader pages: a translation's notice that its source changed or was corrected.

Loaded by the article template (an upward link through a template tag, as the discussion's is)."""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html

from tribune.frontend.templatetags.frontend_tags import iso_datetime

from ..selectors import translation_notice

register = template.Library()


def _time(moment) -> str:
    return format_html('<time datetime="{}">{}</time>', iso_datetime(moment), date_format(moment, "DATE_FORMAT"))


@register.inclusion_tag("editorial/translation_notice.html", takes_context=True)
def translation_notices(context, page):
    notice = translation_notice(page)
    if notice is None:
        return {"notice": None}
    return {
        "notice": notice,
        "request": context.get("request"),
        "updated_on": _time(notice.updated_at) if notice.updated_at else "",
        "corrections": [(correction, _time(correction.published_at)) for correction in notice.corrections],
    }
