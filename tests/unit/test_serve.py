"""The loopback server the tests, the PDFs and the benchmark read the site from: with compression
on, text files reach a browser that accepts gzip compressed and whole; other files, and browsers
that do not accept it, get the bytes as they are."""

from __future__ import annotations

import gzip
import urllib.request

from distillbook.publish.serve import serve


def fetch(url: str, encoding: str | None) -> tuple[str | None, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request) as response:  # noqa: S310 - loopback only
        return response.headers.get("Content-Encoding"), response.read()


def test_text_files_are_sent_compressed_only_to_a_browser_that_accepts_it(tmp_path):
    page = ("<p>" + "a sentence of the book " * 400 + "</p>").encode()
    image = bytes(range(256)) * 8
    (tmp_path / "page.html").write_bytes(page)
    (tmp_path / "card.png").write_bytes(image)
    with serve(tmp_path, compress=True) as url:
        encoding, body = fetch(f"{url}/page.html?v=1", "gzip, deflate")
        assert encoding == "gzip" and len(body) < len(page) / 10
        assert gzip.decompress(body) == page
        assert fetch(f"{url}/page.html", None) == (None, page)
        assert fetch(f"{url}/card.png", "gzip") == (None, image)
    with serve(tmp_path) as url:  # compression off: as before
        assert fetch(f"{url}/page.html", "gzip") == (None, page)
