"""robots.txt: plain text that keeps crawlers out of the admin and points them at the sitemaps."""


def robots_lines(response) -> list[str]:
    return [line.strip() for line in response.content.decode().splitlines() if line.strip()]


def test_robots_txt_is_plain_text_that_disallows_the_admin(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == "text/plain"
    lines = robots_lines(response)
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines


def test_robots_txt_names_the_sitemap_index_and_the_news_sitemap_which_exist(client, home):
    sitemap_lines = [line for line in robots_lines(client.get("/robots.txt")) if line.startswith("Sitemap:")]

    urls = [line.removeprefix("Sitemap:").strip() for line in sitemap_lines]
    assert urls == ["http://testserver/sitemap.xml", "http://testserver/news-sitemap.xml"]
    responses = [client.get(url) for url in urls]
    assert [response.status_code for response in responses] == [200, 200]
    # The index, which leads crawlers to every page of every section, not one of those pages.
    assert b"<sitemapindex" in responses[0].content


def test_robots_txt_names_the_sitemap_on_the_public_base_whatever_host_it_was_asked_on(client, db, settings):
    settings.SITE_URL = "https://news.example.org"
    response = client.get("/robots.txt", HTTP_HOST="origin.internal:8000")

    assert "Sitemap: https://news.example.org/sitemap.xml" in robots_lines(response)


def test_robots_txt_only_answers_get(client, db):
    assert client.post("/robots.txt").status_code == 405
