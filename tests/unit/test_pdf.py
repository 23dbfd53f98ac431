"""The PDF helpers that keep printed chapters reproducible and their links public."""

from __future__ import annotations

from distillbook.publish import pdf


def test_pdf_date_is_the_chapters_day_at_midnight_utc():
    assert pdf.pdf_date("2026/02/05") == "D:20260205000000Z"


def test_loopback_links_become_public_and_others_stay():
    local, public = "http://127.0.0.1:4242/", "https://example.org/b/"
    assert (
        pdf.public_link("http://127.0.0.1:4242/chapters/x.html#claim-a", local, public)
        == "https://example.org/b/chapters/x.html#claim-a"
    )
    assert pdf.public_link("https://arxiv.org/abs/1", local, public) == "https://arxiv.org/abs/1"
    assert pdf.public_link("http://127.0.0.1:9999/x.html", local, public) == "http://127.0.0.1:9999/x.html"


def test_pdf_names_follow_the_chapters():
    from pathlib import Path

    assert pdf.pdf_path(Path("site"), "chapters/counting") == Path("site/_static/pdf/counting.pdf")


def test_pdfs_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("BOOK_PDF", "0")
    assert pdf.available() is False
