"""The about page: the book's settings read from ``_config.yml``."""

from __future__ import annotations

from distillbook.chapters import about


def test_config_value_reads_a_nested_key():
    text = 'repository:\n  url: https://example.org/r\nbook:\n  version: "1.2.3"\n'
    assert about.config_value(text, "repository", "url") == "https://example.org/r"
    assert about.config_value(text, "book", "version") == "1.2.3"
