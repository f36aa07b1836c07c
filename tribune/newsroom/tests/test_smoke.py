def test_article_page_renders_headline_and_byline(client, article, contributor):
    response = client.get(article.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert article.title in html
    assert contributor.name in html
