"""Display names: ordinary names in any writing system are welcome; homoglyphs, badge look-alikes, the newsroom's
words and other people's expert names are refused, each with its own reason."""

import pytest

from django.core.exceptions import ValidationError

from tests.factories import UserFactory, make_contributor
from tribune.accounts import names
from tribune.accounts.names import display_name_clean
from tribune.contributors.names import expert_names_kept_from


def refusal(name: str, **kwargs) -> str | None:
    """The code a name is refused with, or None if it is accepted (and shown as typed)."""
    try:
        cleaned = display_name_clean(name, **kwargs)
    except ValidationError as error:
        return error.code
    assert cleaned == " ".join(name.split())
    return None


WELCOME = {
    "Latin with diacritics": "Zoë Ó Briain",
    "Latin with apostrophe and hyphen": "Jean-Luc O'Neill",
    "Latin with comma and full stop": "Martin Luther King, Jr.",
    "Catalan middle dot": "Marcel·lí Gal·la",
    "Cyrillic": "Анна Петрова",
    "Mongolian Cyrillic": "Баатар Болд",
    "Greek": "Ελένη Παπαδοπούλου",
    "Arabic": "محمد علي",
    "Hebrew": "שרה כהן",
    "Hebrew with a maqaf": "בן־עמי",
    "Devanagari": "नरेंद्र मोदी",
    "Bengali": "শেখ হাসিনা",
    "Tamil": "தமிழ்செல்வி",
    "Kannada": "ಕನ್ನಡ ರಾಜ",
    "Gujarati": "ગીતા પટેલ",
    "Gurmukhi": "ਹਰਪ੍ਰੀਤ ਕੌਰ",
    "Sinhala": "සුනිල් පෙරේරා",
    "Thai": "สมชาย ใจดี",
    "Lao": "ສົມພອນ",
    "Khmer": "សុខ ចាន់",
    "Myanmar": "အောင်ဆန်း",
    "Georgian": "ქეთევან ბერიძე",
    "Armenian": "Հայկ Մարտիրոսյան",
    "Ethiopic": "ሰላም ታደሰ",
    "Cherokee": "ᏣᎳᎩ",
    "Tibetan": "བསྟན་འཛིན",
    "Chinese": "王小明",
    "Chinese transliterated name with a middle dot": "艾哈迈德·阿里",
    "Japanese kanji and hiragana": "山田さくら",
    "Japanese kanji and hiragana, spaced": "山田 さくら",
    "Japanese katakana with the long-vowel mark": "ジョン・スミスー",
    "Japanese kanji and katakana": "田中マリア",
    "Korean hangul": "김민준",
    "Korean hanja and hangul": "金민준",
    "Chinese with bopomofo": "李ㄅㄆ",
    "contains 'staff' inside a surname": "Stafford Lee",
    "contains 'editor' letters across words": "Meredith Grey",
    "contains 'admin' inside a word": "Admiral Ackbar",
    "contains 'mod' inside a word": "Edith Moderna",
    "contains 'tribe'": "Madeleine Tribe",
    "digits": "Sam 2000",
}


@pytest.mark.parametrize("name", WELCOME.values(), ids=WELCOME.keys())
def test_ordinary_names_in_any_writing_system_are_welcome(db, name):
    assert refusal(name) is None


def test_the_welcome_names_cover_at_least_fifteen_scripts():
    import disarm

    scripts = {script for name in WELCOME.values() for script in disarm.detect_scripts(name)}
    assert len(scripts) >= 15, scripts


# Known confusable attacks: letters of another script that look like Latin ones (and the reverse).
MIXED_SCRIPT_ATTACKS = {
    "Cyrillic а in a Latin name": "Pаypal Support",
    "Cyrillic е and і in Tribune": "Tribunе Fan",
    "Cyrillic о in an expert's surname": "Amara Okafоr",
    "Greek capital Alpha": "Αdmin Lee",
    "Greek capital Rho": "Ρaul Smith",
    "Greek omicron": "Jοhn Smith",
    "Latin a in a Cyrillic name": "Анна Пeтрова",
    "Japanese with Latin": "山田a",
    "Japanese with Korean": "ひら한",
    "Cherokee letters that look Latin": "ᎪᏞᎬX Smith",
}


@pytest.mark.parametrize("name", MIXED_SCRIPT_ATTACKS.values(), ids=MIXED_SCRIPT_ATTACKS.keys())
def test_letters_from_several_writing_systems_are_refused(db, name):
    assert refusal(name) == "mixed_scripts"


IMPERSONATION = {
    # As reported: all were accepted.
    "Tribune Staff": "reserved",
    "The Editors": "reserved",
    "Tribune Moderation": "reserved",
    "Editor in Chief": "reserved",
    "Official Tribune": "reserved",
    "Admin 1": "reserved",
    "Sam · Tribune staff": "badge_characters",
    "Lee (Article author)": "badge_characters",
    "Kim ✓ Editors' pick": "badge_characters",
    # The same words disguised, combined or alone.
    "Moderators": "reserved",
    "Editors pick": "reserved",
    "Article Author": "reserved",
    "Verified Sam": "reserved",
    "Newsroom": "reserved",
    "Tribune": "reserved",
    "M o d e r a t o r": "reserved",
    "E d i t o r s": "reserved",
    "T.r.i.b.u.n.e": "reserved",
    "TheEditors": "reserved",
    "THEEDITORS": "reserved",
    "TribuneStaff": "reserved",
    "tribunefan": "reserved",
    "SamTribune": "reserved",
    "Tr1bune": "reserved",
    "Ed1t0r": "reserved",
    "M0derator": "reserved",
    "4dmin": "reserved",
    "Admin1": "reserved",
    "Trıbune Fan": "reserved",  # Latin dotless i
    "ᴛʀɪʙᴜɴᴇ": "reserved",  # Latin small capitals
    "𝐓𝐫𝐢𝐛𝐮𝐧𝐞": "reserved",  # mathematical bold
    "ＴＲＩＢＵＮＥ": "reserved",  # fullwidth
    "Édïtor": "reserved",
    # Badge look-alikes: symbols, emoji, brackets, free-standing dots.
    "Sam • Staff": "badge_characters",
    "Sam · Lee": "badge_characters",
    "Sam ・ Lee": "badge_characters",
    "·Sam": "badge_characters",
    "Kim ✔": "badge_characters",
    "Kim ☑": "badge_characters",
    "Kim ✅": "badge_characters",
    "Jo ★": "badge_characters",
    "Lee [Mod]": "badge_characters",
    "Lee {Staff}": "badge_characters",
    "Sam|Staff": "badge_characters",
    "Tribune_Staff": "badge_characters",
    # Unchanged rules.
    "Ada\u202eLovelace": "invisible",
    "Ad\u200ba": "invisible",
    "x": "length",
    "1234": "no_letters",
}


@pytest.mark.parametrize(("name", "code"), IMPERSONATION.items(), ids=IMPERSONATION.keys())
def test_names_that_pose_as_the_newsroom_or_imitate_badges_are_refused(db, name, code):
    assert refusal(name) == code


def test_the_badge_refusal_says_why(db):
    with pytest.raises(ValidationError) as error:
        display_name_clean("Kim ✓ Editors' pick")

    assert "look like the badges shown next to names" in error.value.messages[0]


def test_the_site_name_and_its_words_are_reserved_whatever_it_is(db, settings):
    settings.SITE_NAME = "The Daily Planet"

    assert refusal("Daily Planet") == "reserved"
    assert refusal("Planet Desk") == "reserved"
    assert refusal("Lois of the Planet") == "reserved"
    assert refusal("DailyPlanetFan") == "reserved"
    assert refusal("Tribune Smith") is None  # no longer the site's name


def test_short_words_and_numbers_of_the_site_name_are_refused_only_as_words(db, settings):
    settings.SITE_NAME = "Post 24"

    assert refusal("Post Staff") == "reserved"
    assert refusal("The Post") == "reserved"
    assert refusal("Post24") == "reserved"
    assert refusal("Sam Postma") is None
    assert refusal("Sam 24") is None


class TestExpertsNamesAreKeptForTheirAccounts:
    @pytest.fixture
    def amara(self, db):
        account = UserFactory(username="amara", email="amara@example.org")
        make_contributor(slug="amara-okafor", name="Amara Okafor", user=account)
        return account

    @pytest.mark.parametrize(
        "name", ["Amara Okafor", "amara  OKAFOR", "AmaraOkafor", "Amara 0kafor", "Amàra Okafor", "Dr Amara Okafor"]
    )
    def test_nobody_else_may_use_a_published_experts_name(self, amara, name):
        other = UserFactory(username="other", email="other@example.org")

        assert refusal(name, user=other) == "expert_name"
        assert refusal(name) == "expert_name"  # at sign-up

    def test_the_account_linked_to_the_profile_may(self, amara):
        assert refusal("Amara Okafor", user=amara) is None

    def test_an_unpublished_profile_keeps_no_name(self, db):
        make_contributor(slug="draft-expert", name="Chidi Eze", publish=False)

        assert refusal("Chidi Eze") is None

    def test_the_contributors_app_supplies_the_names_through_the_hook(self, amara):
        assert expert_names_kept_from in names._reserved_name_sources
        assert expert_names_kept_from(None) == ["Amara Okafor"]
        assert expert_names_kept_from(amara) == []


class TestTheFormsApplyTheRules:
    def signup(self, client, display_name):
        return client.post(
            "/accounts/signup/",
            {
                "email": "new@example.org",
                "password1": "a-long-pass-phrase-42",
                "password2": "a-long-pass-phrase-42",
                "display_name": display_name,
            },
        )

    def test_sign_up_with_kanji_and_kana_succeeds(self, client, db, django_user_model):
        response = self.signup(client, "山田さくら")

        assert response.status_code == 302
        assert django_user_model.objects.get(email="new@example.org").display_name == "山田さくら"

    @pytest.mark.parametrize("display_name", ["Tribune Staff", "Kim ✓ Editors' pick"])
    def test_sign_up_with_a_newsroom_or_badge_name_shows_why(self, client, db, django_user_model, display_name):
        response = self.signup(client, display_name)

        assert response.status_code == 200
        assert not django_user_model.objects.filter(email="new@example.org").exists()
        assert "reserved for the newsroom" in response.content.decode() or "badges" in response.content.decode()

    def test_the_profile_form_lets_an_expert_take_their_own_name_and_nobody_else(self, client, db):
        expert = UserFactory(username="amara", email="amara@example.org")
        make_contributor(slug="amara-okafor", name="Amara Okafor", user=expert)
        reader = UserFactory(username="reader2", email="reader2@example.org", display_name="Reader Two")

        client.force_login(reader)
        refused = client.post("/accounts/profile/", {"display_name": "Amara Okafor"})
        client.force_login(expert)
        accepted = client.post("/accounts/profile/", {"display_name": "Amara Okafor"})

        reader.refresh_from_db()
        expert.refresh_from_db()
        assert refused.status_code == 200 and "one of our experts" in refused.content.decode()
        assert reader.display_name == "Reader Two"
        assert accepted.status_code == 302
        assert expert.display_name == "Amara Okafor"
