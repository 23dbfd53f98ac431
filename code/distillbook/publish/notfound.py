"""The site's 404 page: the page a host such as GitHub Pages shows for an address the site does
not have, at any depth of the site. So it is self-contained (its style inline, its icon a data
URI, no script) and links home by the book's public address (``html.baseurl``)."""

from __future__ import annotations

import html
import urllib.parse

from distillbook.publish.cite import BookMeta

#: Where the page is written, relative to the site's root (the name GitHub Pages looks for).
PATH = "404.html"

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; line-height: 1.5;
  color: #1a1a1a; background: #fff; }
main { max-width: 40rem; margin: 4rem auto; padding: 0 1.25rem; }
.book a { color: #4a4a4a; text-decoration: none; }
a { color: #1557b0; }
@media (prefers-color-scheme: dark) { body { color: #e6e6e6; background: #121212; } .book a { color: #b0b0b0; }
  a { color: #8ab4f8; } }
"""


def page(meta: BookMeta, favicon_svg: str, repository_url: str = "") -> str:
    """The 404 page's HTML: the book's title, what happened, a link home, and where to report a
    link that led here (the repository's issue tracker, when the book has a repository)."""
    title = html.escape(meta.title)
    home = html.escape(meta.baseurl)
    icon = "data:image/svg+xml," + urllib.parse.quote(favicon_svg.strip())
    icon_link = f'<link rel="icon" href="{html.escape(icon)}" />\n' if favicon_svg.strip() else ""
    report = (
        f'<p>If a link in the book led you here, please say which in <a href="{html.escape(repository_url)}/issues">'
        "the repository's issue tracker</a>.</p>\n"
        if repository_url
        else ""
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        '<meta name="robots" content="noindex" />\n'
        f"<title>Page not found · {title}</title>\n" + icon_link + f"<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        f'<p class="book"><a href="{home}">{title}</a></p>\n'
        "<h1>Page not found</h1>\n"
        "<p>The book has no page at this address: it may have moved, or the address may be mistyped.</p>\n"
        f'<p><a href="{home}" class="home">Go to the book\'s first page</a>, where the table of contents '
        "lists every chapter.</p>\n" + report + "</main>\n</body>\n</html>\n"
    )
