"""Site basics: one viewport tag, a favicon, a preview card for shared links, a 404 page that
links home, the repository and issue links, and the rebuild commands on the methods page."""

from __future__ import annotations

import functools
import struct

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, SITE, built_page
from distillbook.core import pages

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
BASEURL = CONFIG["html"]["baseurl"].rstrip("/") + "/"
REPOSITORY = CONFIG["repository"]["url"]
PAGES = [pages.docname(p, ROOT) for p in pages.book_pages(ROOT)]


@functools.cache
def soup(docname: str) -> BeautifulSoup:
    return BeautifulSoup(built_page(docname), "html.parser")


def png_size(path) -> tuple[int, int]:
    """Width and height from a PNG's header (the IHDR chunk right after the signature)."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR"
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize("docname", PAGES)
def test_one_viewport_tag_a_favicon_and_a_preview_card(docname):
    page = soup(docname)
    assert len(page.find_all("meta", attrs={"name": "viewport"})) == 1
    icons = page.find_all("link", rel="icon")
    assert len(icons) == 1
    assert (SITE / docname).parent.joinpath(icons[0]["href"]).resolve().is_file()
    card = [tag["content"] for tag in page.find_all("meta", property="og:image")]
    assert card == [f"{BASEURL}_static/og-image.png"]
    assert [tag["content"] for tag in page.find_all("meta", attrs={"name": "twitter:card"})] == ["summary_large_image"]


def test_the_preview_card_is_a_png_of_the_size_link_previews_use():
    assert png_size(SITE / "_static" / "og-image.png") == (1200, 630)


def test_the_404_page_links_home_and_loads_nothing():
    page = BeautifulSoup((SITE / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("h1").get_text() == "Page not found"
    assert len(page.find_all("meta", attrs={"name": "viewport"})) == 1
    homes = [a["href"] for a in page.find_all("a", href=True) if a["href"] == BASEURL]
    assert homes, "a link to the book's home page"
    assert page.find("script") is None
    # it is shown at any depth of the site: nothing it needs may be a relative file
    for tag in page.find_all(["link", "img"]):
        target = tag.get("href") or tag.get("src")
        assert target.startswith(("data:", "https://")), target
    assert f"{REPOSITORY}/issues" in [a["href"] for a in page.find_all("a", href=True)]


def test_the_404_page_is_not_listed_as_a_page_of_the_book():
    assert "404.html" not in (SITE / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("docname", PAGES)
def test_every_page_links_the_repository_and_its_issue_tracker(docname):
    hrefs = [a["href"] for a in soup(docname).find_all("a", href=True)]
    assert REPOSITORY in hrefs
    assert any(href.startswith(f"{REPOSITORY}/issues") for href in hrefs)


def test_the_about_page_links_the_repository():
    main = soup("appendices/about").select_one("article.bd-article")
    assert REPOSITORY in [a["href"] for a in main.find_all("a", href=True)]


def test_the_methods_page_says_how_to_rebuild_the_book():
    main = soup("appendices/methods").select_one("article.bd-article")
    section = main.find(id="rebuild-this-book")
    assert section is not None and section.find("h2").get_text().startswith("Rebuild this book")
    commands = section.find("pre").get_text()
    lines = [line.split("#")[0].strip() for line in commands.splitlines() if line.strip()]
    assert lines[:4] == [
        f"git clone {REPOSITORY}",
        f"cd {REPOSITORY.rstrip('/').rsplit('/', 1)[1]}",
        "make book",
        "make serve",
    ]
    hrefs = [a["href"] for a in section.find_all("a", href=True)]
    assert REPOSITORY in hrefs and f"{REPOSITORY}/issues" in hrefs
