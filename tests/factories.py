"""Test data built through Tribune's own services, so tests exercise the same paths as editors and loaders."""

import datetime
import io
import itertools

import factory
from PIL import Image

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.models import Locale, Site

from tribune.contributors.services import contributor_save
from tribune.media.services import image_create
from tribune.newsroom.services import article_publish, standard_page_ensure, trust_pages_set

_sequence = itertools.count(1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery")


def make_image_file(name: str = "photo.jpg", size: tuple[int, int] = (1600, 900), colour=(40, 90, 140)) -> ImageFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG")
    buffer.seek(0)
    return ImageFile(buffer, name=name)


def make_image(**fields):
    n = next(_sequence)
    defaults = {
        "title": f"Test photo {n}",
        "alt_text": f"A test photo number {n}",
        "caption": "Delegates leave the conference hall.",
        "agency": "Meridian Photo Agency",
        "photographer": "Ana Ruiz",
        "year_taken": timezone.now().year,
    }
    return image_create(file=make_image_file(f"photo-{n}.jpg"), **{**defaults, **fields})


def make_contributor(**fields):
    n = next(_sequence)
    defaults = {
        "slug": f"expert-{n}",
        "name": f"Expert Number{n}",
        "role": "Senior Fellow",
        "affiliation": "Institute of Testing",
        "short_bio": "Writes about test fixtures.",
    }
    return contributor_save(**{**defaults, **fields})


def paragraph(text: str) -> tuple[str, str]:
    return ("paragraph", f"<p>{text}</p>")


def make_article(section, **fields):
    n = next(_sequence)
    # Seconds apart: distinct, ordered, and never old enough to close the discussion, however many tests ran.
    published_at = fields.pop("published_at", timezone.now() - datetime.timedelta(seconds=n))
    defaults = {
        "slug": f"article-{n}",
        "title": f"Article number {n}",
        "standfirst": f"Standfirst of article {n}.",
        "kind": "analysis",
        "body": [paragraph("Some words of analysis. " * 20)],
        "contributors": fields.pop("contributors", None) or [make_contributor()],
        "published_at": published_at,
    }
    return article_publish(section=section, **{**defaults, **fields})


def make_translation(page, language_code: str, **fields):
    """``page`` translated into ``language_code`` and published, with ``fields`` set on the translation: the locale is
    created if missing and parents without a translation are copied as aliases (Wagtail's ``copy_parents``). A page
    already translated is updated and published again."""
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    page = page.specific
    if page.has_translation(locale):
        translated = page.get_translation(locale).specific
    else:
        translated = page.copy_for_translation(locale, copy_parents=True).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def make_lead_article(section, **fields):
    """An article the automatic front may lead with: a lead image, a standfirst and a full-length body."""
    fields.setdefault("lead_image", make_image())
    fields.setdefault("body", [paragraph("A full paragraph of reporting and analysis. " * 20) for _ in range(5)])
    return make_article(section, **fields)


def make_standard_page(home, **fields):
    """A published standard page under ``home`` (About, Contact…)."""
    n = next(_sequence)
    defaults = {"slug": f"page-{n}", "title": f"Page number {n}", "body": f"<p>The text of page {n}.</p>"}
    return standard_page_ensure(home=home, **{**defaults, **fields})


def make_trust_pages(home, **designated):
    """``designated`` (field name → page) set as the default site's trust pages."""
    return trust_pages_set(site=Site.objects.get(is_default_site=True), **designated)
