"""Writes for contributor profiles: every change is a revision, and only published revisions are public."""

from django.db import transaction
from django.utils.text import slugify

from .models import Contributor, ContributorLink, Expertise


def expertise_get_or_create(*, name: str) -> Expertise:
    expertise, _ = Expertise.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return expertise


@transaction.atomic
def contributor_save(
    *,
    slug: str,
    name: str,
    role: str = "",
    affiliation: str = "",
    short_bio: str = "",
    bio: str = "",
    expertise: list[str] = (),
    country=None,
    languages: str = "",
    disclosure: str = "",
    links: list[dict] = (),
    photo=None,
    in_house: bool = False,
    available_for_comment: bool = False,
    user=None,
    publish: bool = True,
    acting_user=None,
) -> Contributor:
    """Create or update the profile with ``slug``; with ``publish`` its new revision goes live at once.

    ``user`` is the account the profile belongs to; ``acting_user`` is who makes the change (for the revision
    history and the publish permission check).
    """
    contributor = Contributor.objects.filter(slug=slug).first() or Contributor(slug=slug, live=False)
    contributor.name = name
    contributor.role = role
    contributor.affiliation = affiliation
    contributor.short_bio = short_bio
    contributor.bio = bio
    contributor.country = country
    contributor.languages = languages
    contributor.disclosure = disclosure
    contributor.in_house = in_house
    contributor.available_for_comment = available_for_comment
    if photo is not None:
        contributor.photo = photo
    if user is not None:
        contributor.user = user
    contributor.expertise = [expertise_get_or_create(name=label) for label in expertise]
    contributor.links = [ContributorLink(label=link["label"], url=link["url"]) for link in links]
    for link in contributor.links.all():
        # The profile's own full_clean does not reach its child rows: a javascript: URL would be stored as is.
        link.full_clean(exclude=["contributor"])
    contributor.full_clean(exclude=["user", "photo", "country", "latest_revision", "live_revision"])
    if contributor.pk is None:
        contributor.save()  # a revision needs a row to point at; a new profile stays non-live until published
    # For an existing profile the change lives only in the revision until it is published, so readers
    # keep seeing the approved version.
    revision = contributor.save_revision(user=acting_user)
    if publish:
        revision.publish(user=acting_user)
        contributor.refresh_from_db()  # publishing wrote live state through another instance
    return contributor
