from django import template

from ..selectors import offered_list

register = template.Library()


@register.inclusion_tag("newsletters/includes/signup.html")
def newsletter_signup(section=None, contributor=None, topic=None, country=None):
    """A sign-up box for the newsletter closest to what the page is about; nothing when there is none. The same HTML
    for every reader (no token, no name), so the page stays in the caches."""
    return {"offered": offered_list(section=section, contributor=contributor, topic=topic, country=country)}


@register.filter
def get_status(subscribed: dict, newsletter_id: int) -> str:
    return subscribed.get(newsletter_id, "")
