"""Tribune's images: the credit printed under a photo, file-photo captions, and responsive, well-prioritised markup."""

import datetime
import re

import pytest

from tests.factories import make_article, make_image, make_image_file
from tribune.media.models import TribuneImage
from tribune.media.services import image_create

UTC = datetime.UTC
PUBLISHED_2024 = datetime.datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def unsaved_image(**fields) -> TribuneImage:
    # Naming the collection spares the root-collection lookup, so these checks need no database.
    return TribuneImage(collection_id=1, **fields)


def tag(html: str, name: str, containing: str = "") -> str:
    """The first ``<name ...>`` start tag in ``html`` whose text contains ``containing``."""
    for match in re.finditer(rf"<{name}\b[^>]*>", html):
        if containing in match.group(0):
            return match.group(0)
    raise AssertionError(f"no <{name}> containing {containing!r}")


def attribute(start_tag: str, name: str) -> str | None:
    match = re.search(rf'\s{name}="([^"]*)"', start_tag)
    return match.group(1) if match else None


def srcset_urls_and_widths(srcset: str) -> list[tuple[str, int]]:
    candidates = [candidate.split() for candidate in srcset.split(",")]
    return [(url, int(width.rstrip("w"))) for url, width in candidates]


def lead_figure(html: str) -> str:
    start = html.index('<figure class="article__lead-image">')
    return html[start : html.index("</figure>", start)]


class TestCreditLine:
    @pytest.mark.parametrize(
        ("agency", "year", "photographer", "expected"),
        [
            ("Meridian Photo Agency", 2023, "Ana Ruiz", "© MERIDIAN PHOTO AGENCY 2023 / ANA RUIZ"),
            ("Meridian Photo Agency", 2023, "", "© MERIDIAN PHOTO AGENCY 2023"),
            ("Meridian Photo Agency", None, "", "© MERIDIAN PHOTO AGENCY"),
            ("", None, "Ana Ruiz", "ANA RUIZ"),
            ("", None, "", ""),
        ],
        ids=["agency, year and photographer", "only agency and year", "only agency", "only photographer", "nothing"],
    )
    def test_the_credit_is_printed_in_capitals_with_the_copyright_holder_first(
        self, agency, year, photographer, expected
    ):
        image = unsaved_image(agency=agency, year_taken=year, photographer=photographer)

        assert image.credit_line == expected


class TestIsFilePhotoFor:
    def test_a_photo_from_2022_on_an_article_published_in_2024_is_a_file_photo(self):
        assert unsaved_image(year_taken=2022).is_file_photo_for(PUBLISHED_2024, 365)

    def test_a_photo_from_the_year_of_publication_is_not_a_file_photo(self):
        image = unsaved_image(year_taken=2024)

        assert not image.is_file_photo_for(datetime.date(2024, 12, 31), 365)
        assert not image.is_file_photo_for(PUBLISHED_2024, 365)

    def test_a_photo_without_a_year_is_never_a_file_photo(self):
        assert not unsaved_image(year_taken=None).is_file_photo_for(PUBLISHED_2024, 0)

    def test_without_a_publication_date_nothing_is_a_file_photo(self):
        assert not unsaved_image(year_taken=1990).is_file_photo_for(None, 365)

    @pytest.mark.parametrize(
        ("published", "is_file_photo"),
        [(datetime.date(2023, 12, 31), False), (datetime.date(2024, 1, 1), True)],
    )
    def test_a_year_only_date_counts_from_the_last_day_of_that_year(self, published, is_file_photo):
        assert unsaved_image(year_taken=2022).is_file_photo_for(published, 365) is is_file_photo

    def test_the_age_limit_is_the_callers_to_choose(self):
        image = unsaved_image(year_taken=2022)

        assert not image.is_file_photo_for(PUBLISHED_2024, 1000)
        assert image.is_file_photo_for(PUBLISHED_2024, 30)


class TestFilePhotoCaption:
    @pytest.fixture
    def article_with_photo_from(self, section):
        def build(year_taken):
            return make_article(section, lead_image=make_image(year_taken=year_taken), published_at=PUBLISHED_2024)

        return build

    def test_an_old_photo_is_captioned_as_a_file_photo_with_its_year(self, client, settings, article_with_photo_from):
        settings.TRIBUNE_FILE_PHOTO_AGE_DAYS = 365
        article = article_with_photo_from(2022)

        figure = lead_figure(client.get(article.url).content.decode())

        assert "File photo, 2022" in figure
        assert "Delegates leave the conference hall." in figure
        assert "© MERIDIAN PHOTO AGENCY 2022 / ANA RUIZ" in figure

    def test_a_recent_photo_is_not_captioned_as_a_file_photo(self, client, settings, article_with_photo_from):
        settings.TRIBUNE_FILE_PHOTO_AGE_DAYS = 365
        article = article_with_photo_from(2024)

        figure = lead_figure(client.get(article.url).content.decode())

        assert "File photo" not in figure
        assert "Delegates leave the conference hall." in figure

    def test_the_age_at_which_a_photo_becomes_a_file_photo_is_a_setting(
        self, client, settings, article_with_photo_from
    ):
        settings.TRIBUNE_FILE_PHOTO_AGE_DAYS = 1000
        article = article_with_photo_from(2022)

        assert "File photo" not in lead_figure(client.get(article.url).content.decode())


class TestArticleImageMarkup:
    @pytest.fixture
    def article_page(self, client, section):
        """An article with a lead image and a related article with its own picture, as a reader receives it."""
        related = make_article(section, lead_image=make_image(alt_text="Voters queue outside a polling station"))
        article = make_article(section, lead_image=make_image(alt_text="Delegates leave the conference hall"))
        response = client.get(article.url)
        assert response.status_code == 200
        return {"html": response.content.decode(), "article": article, "related": related}

    def test_the_lead_image_is_a_picture_with_a_webp_source_in_several_widths(self, article_page):
        figure = lead_figure(article_page["html"])

        assert "<picture>" in figure
        source = tag(figure, "source", 'type="image/webp"')
        widths = {width for _, width in srcset_urls_and_widths(attribute(source, "srcset"))}
        assert len(widths) >= 3
        assert all(url.endswith(".webp") for url, _ in srcset_urls_and_widths(attribute(source, "srcset")))
        assert attribute(source, "sizes")

    def test_the_lead_img_has_dimensions_alt_text_and_a_fallback_srcset(self, article_page):
        img = tag(lead_figure(article_page["html"]), "img")

        assert int(attribute(img, "width")) > 0
        assert int(attribute(img, "height")) > 0
        assert attribute(img, "alt") == "Delegates leave the conference hall"
        assert len(srcset_urls_and_widths(attribute(img, "srcset"))) >= 3

    def test_the_lead_image_loads_first_not_lazily(self, article_page):
        img = tag(lead_figure(article_page["html"]), "img")

        assert attribute(img, "fetchpriority") == "high"
        assert attribute(img, "loading") != "lazy"

    def test_the_head_preloads_the_lead_image(self, article_page):
        head = article_page["html"].split("</head>")[0]

        assert tag(head, "link", 'rel="preload"') == tag(head, "link", 'as="image"')

    def test_the_preloaded_image_is_one_the_lead_picture_actually_uses(self, article_page):
        html = article_page["html"]
        preload = tag(html.split("</head>")[0], "link", 'rel="preload"')
        source = tag(lead_figure(html), "source", 'type="image/webp"')

        webp_candidates = [url for url, _ in srcset_urls_and_widths(attribute(source, "srcset"))]
        assert attribute(preload, "href") in webp_candidates

    def test_card_images_below_the_article_load_lazily(self, article_page):
        related = article_page["html"].split('class="related"', 1)[1]
        img = tag(related, "img")

        assert attribute(img, "loading") == "lazy"
        assert attribute(img, "fetchpriority") is None
        assert attribute(img, "width") and attribute(img, "height")

    def test_card_images_in_a_section_listing_load_lazily(self, client, section):
        for _ in range(3):
            make_article(section, lead_image=make_image())

        html = client.get(section.url).content.decode()

        listing = html.split('class="card-grid"', 1)[1]
        # The page-view pixel (analytics, inside <noscript>) is not a card image.
        imgs = [img for img in re.findall(r"<img\b[^>]*>", listing) if "/analytics/" not in img]
        assert len(imgs) == 3
        assert all(attribute(img, "loading") == "lazy" for img in imgs)
        assert all(tag(img, "img") and attribute(img, "width") for img in imgs)


def test_an_upload_is_stored_under_a_generated_name_whatever_it_was_called(db):
    names = ["../../etc/passwd ü <script>.JPG", "../../etc/passwd ü <script>.JPG", "no-extension"]
    images = [image_create(file=make_image_file(name), title="Stored safely") for name in names]

    stored = [image.file.name for image in images]
    assert re.fullmatch(r"original_images/[0-9a-f]{20}\.jpg", stored[0]), stored[0]
    assert re.fullmatch(r"original_images/[0-9a-f]{20}\.bin", stored[2]), stored[2]
    assert stored[0] != stored[1]  # the same name twice: two files, neither overwriting the other
    rendition = images[0].get_rendition("width-400")
    assert rendition.file.name.startswith("images/" + stored[0].split("/")[1].split(".")[0])
    assert all("passwd" not in name and "script" not in name for name in stored + [rendition.file.name])
