def test_the_last_page_a_section_lists_points_older_readers_to_search(client, section, article_factory, settings):
    settings.TRIBUNE_PAGE_SIZE, settings.TRIBUNE_LISTING_MAX_PAGES = 2, 2
    for _ in range(5):
        article_factory()

    last = client.get(section.url + "?page=2").content.decode()

    assert "Older pieces: search the archive" in last
    assert client.get(section.url + "?page=3").status_code == 404
