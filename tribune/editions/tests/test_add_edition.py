"""``manage.py add_edition``: a language's edition opened from the command line, once, and only when enabled."""

from io import StringIO

import pytest

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from wagtail.models import Locale, Page

from tribune.editions.services import edition_add
from tribune.editorial.roles import EDITORS, section_group_name
from tribune.newsroom.models import HomePage, SectionPage


def add_edition(code: str) -> str:
    out = StringIO()
    call_command("add_edition", code, stdout=out)
    return out.getvalue()


def test_an_edition_gets_its_locale_and_published_copies_of_the_home_page_and_every_section(
    client, home, section, other_section
):
    add_edition("hi")

    hindi = Locale.objects.get(language_code="hi")
    hindi_home = home.get_translation(hindi)
    hindi_sections = SectionPage.objects.filter(locale=hindi)
    assert hindi_home.live
    assert {s.translation_key for s in hindi_sections} == {section.translation_key, other_section.translation_key}
    assert all(s.live and s.get_parent().pk == hindi_home.pk for s in hindi_sections)
    home_response = client.get("/hi/")
    assert home_response.status_code == 200
    assert '<html lang="hi"' in home_response.content.decode()
    assert client.get(f"/hi/{section.slug}/").status_code == 200


def test_running_it_again_copies_nothing_more(home, section):
    add_edition("ru")
    pages = Page.objects.count()

    output = add_edition("ru")

    assert Page.objects.count() == pages
    assert "0 pages copied for translation, 2 already there" in output


def test_a_translation_an_editor_unpublished_stays_unpublished(home, section):
    edition_add(language_code="hi")
    hindi_section = section.get_translation(Locale.objects.get(language_code="hi"))
    hindi_section.unpublish()

    edition_add(language_code="hi")

    hindi_section.refresh_from_db()
    assert not hindi_section.live


def test_a_language_missing_from_tribune_languages_is_refused_with_a_clear_error(home, section):
    with pytest.raises(CommandError, match="fr is not one of this site's languages .*TRIBUNE_LANGUAGES"):
        add_edition("fr")

    assert not Locale.objects.filter(language_code="fr").exists()
    assert HomePage.objects.count() == 1


def test_a_site_without_a_home_page_is_refused(db):
    with pytest.raises(CommandError, match="no home page"):
        add_edition("hi")


def test_the_default_language_is_the_site_itself_and_copies_nothing(home, section):
    output = add_edition("en")

    assert "0 pages copied for translation, 0 already there" in output
    assert HomePage.objects.count() == 1


def test_a_sections_editors_keep_their_section_and_gain_its_translation(home, section):
    editors = Group.objects.get(name=section_group_name(EDITORS, section))
    groups = Group.objects.count()

    edition_add(language_code="hi")

    hindi_section = section.get_translation(Locale.objects.get(language_code="hi"))
    assert set(editors.page_permissions.values_list("page_id", flat=True)) == {section.pk, hindi_section.pk}
    assert Group.objects.count() == groups  # the translation shares the section's groups


# Wagtail's admin answers a refusal with a redirect to the dashboard and a "no permission" message.
@pytest.mark.parametrize(("role", "status"), [("contributor", 302), ("editor", 200), ("chief", 200)])
def test_only_editors_and_chief_editors_may_open_the_translate_form(client, home, section, role, status):
    from django.urls import reverse

    from tests.factories import UserFactory, make_article
    from tribune.editorial.roles import role_assign

    edition_add(language_code="hi")
    article = make_article(section)
    user = UserFactory(username=f"{role}-translator", is_staff=True)
    role_assign(user=user, role=role, sections=[section])
    client.force_login(user)

    url = reverse("simple_translation:submit_page_translation", args=[article.pk])
    hindi = Locale.objects.get(language_code="hi")

    response = client.get(url)
    client.post(url, {"locales": [hindi.pk]})

    assert response.status_code == status
    assert article.has_translation(hindi) == (role != "contributor")
    if role == "contributor":
        assert response["Location"] == reverse("wagtailadmin_home")


def test_an_editor_translates_an_article_and_edits_the_translation_in_their_sections_edition(client, home, section):
    from django.urls import reverse

    from tests.factories import UserFactory, make_article
    from tribune.editorial.roles import role_assign

    edition_add(language_code="hi")
    article = make_article(section)
    editor = UserFactory(username="section-editor", is_staff=True)
    role_assign(user=editor, role="editor", sections=[section])
    client.force_login(editor)
    hindi = Locale.objects.get(language_code="hi")

    response = client.post(
        reverse("simple_translation:submit_page_translation", args=[article.pk]), {"locales": [hindi.pk]}
    )

    translated = article.get_translation(hindi)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[translated.pk])
    assert client.get(response["Location"]).status_code == 200
