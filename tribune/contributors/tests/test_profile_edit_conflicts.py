"""Two editors on one expert profile: the second save from the same version is refused and keeps its text; keeping
one's own version over the newer one is deliberate and logged (the check itself: tribune/core/edit_conflicts.py)."""

import html
import re

from django.test import Client

from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from tests.factories import UserFactory, make_contributor
from tribune.contributors.models import Contributor
from tribune.core.edit_conflicts import EDIT_CONFLICT_OVERRIDE_LOG_ACTION, OVERRIDE_FIELD
from tribune.editorial.roles import role_assign

from .test_profile_admin import edit_url

REVISION_INPUTS = ("loaded_revision_id", "loaded_revision_created_at")


def hidden(response, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', response.content.decode())
    assert found, f"no {name} in the page"
    return html.unescape(found.group(1))


def profile_form(profile, short_bio: str, **extra) -> dict:
    return nested_form_data(
        {
            "name": profile.name,
            "slug": profile.slug,
            "role": profile.role,
            "affiliation": profile.affiliation,
            "short_bio": short_bio,
            "bio": rich_text("<p>Writes about parliaments.</p>"),
            "languages": "",
            "disclosure": "",
            "affiliations": inline_formset([]),
            "links": inline_formset([]),
            **extra,
        }
    )


def signed_in_editor(section, username: str, first: str, last: str) -> Client:
    user = UserFactory(username=username, first_name=first, last_name=last)
    role_assign(user=user, role="editor", sections=[section])
    client = Client()
    client.force_login(user)
    return client


def latest_short_bio(profile) -> str:
    return Contributor.objects.get(pk=profile.pk).get_latest_revision_as_object().short_bio


def test_the_second_save_of_a_profile_from_one_version_is_refused_until_kept_on_purpose(section):
    profile = make_contributor(short_bio="Political scientist.")
    profile.save_revision()
    ana = signed_in_editor(section, "ana", "Ana", "Rao")
    ben = signed_in_editor(section, "ben", "Ben", "Okoro")
    url = edit_url(profile)
    ana_loaded = {name: hidden(ana.get(url), name) for name in REVISION_INPUTS}
    ben_loaded = {name: hidden(ben.get(url), name) for name in REVISION_INPUTS}

    assert ana.post(url, profile_form(profile, "Ana's bio line.", **ana_loaded)).status_code == 302
    refused = ben.post(url, profile_form(profile, "Ben's bio line.", **ben_loaded))

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Ana Rao saved a newer version at " in page
    assert "Ben&#x27;s bio line." in page
    assert latest_short_bio(profile) == "Ana's bio line."

    token = hidden(refused, OVERRIDE_FIELD)
    kept = ben.post(url, profile_form(profile, "Ben's bio line.", **ben_loaded, **{OVERRIDE_FIELD: token}))

    assert kept.status_code == 302
    assert latest_short_bio(profile) == "Ben's bio line."
    entry = ModelLogEntry.objects.get(object_id=str(profile.pk), action=EDIT_CONFLICT_OVERRIDE_LOG_ACTION)
    assert entry.data["replaced_author"] == "Ana Rao"
