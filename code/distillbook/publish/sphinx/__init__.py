"""The book's build-time Sphinx extension (``sphinx: local_extensions`` in ``_config.yml``), one
module per concern:

* :mod:`.gate`: before any page executes, validate ``data/`` and run the claims ledger;
* :mod:`.freshness`: fingerprints that keep executed results and read pages from going stale;
* :mod:`.execution`: the pages about to be read are pre-executed in warm workers;
* :mod:`.claims`: the ``{claim}`` directive (claim boxes from the ledger), their permalinks, and
  the ``{article}`` role for the article's verbatim words and the ``{claim-title}`` role that
  names a claim and links to its ledger entry;
* :mod:`.assets`: the site's scripts, styles and templates, and nothing published by accident;
* :mod:`.citing`: citation metadata, cite boxes, ClaimReview JSON-LD and the sitemap;
* :mod:`.bibstyle`: the bibliography's author-year labels and entries.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from distillbook.core import data, paths
from distillbook.publish.sphinx import assets, bibstyle, citing, claims, execution, freshness, gate


def extension_files() -> list:
    """The files that decide how pages are written: the publishing code, assets, templates and the
    palette (the verdict colours' stylesheet is written from it)."""
    publish = paths.PACKAGE_DIR / "publish"
    return (
        sorted(publish.rglob("*.py"))
        + [paths.PACKAGE_DIR / "core" / "palette.py"]  # the verdict colours' stylesheet
        + sorted(paths.ASSETS_DIR.iterdir())
        + sorted((paths.PACKAGE_DIR / "templates").rglob("*.html"))
    )


def setup(app: Sphinx) -> dict:
    bibstyle.register()  # the bibliography's styles, named in _config.yml
    # A config value that changes with the extension's own code: Sphinx then re-reads and rewrites
    # every page (the extension may have changed how pages are written). Executed results are
    # not affected: they are keyed on each page's own inputs (freshness).
    app.add_config_value("distillbook_code_fingerprint", data.fingerprint(extension_files()), "env")
    app.add_config_value("book_version", "", "html")
    app.add_config_value("book_date", "", "html")  # empty: the commit's date
    app.add_config_value("distillbook_date", "", "html")  # set by citing.resolve_book_settings
    app.add_config_value("distillbook_pdf", False, "html")  # set by citing.resolve_book_settings
    app.connect("config-inited", assets.use_book_templates)
    app.connect("config-inited", citing.resolve_book_settings)
    app.connect("builder-inited", gate.gate, priority=100)
    app.connect("builder-inited", assets.write_static_assets)
    app.connect("builder-inited", freshness.format_citations_only_when_needed)
    app.connect("source-read", freshness.add_fingerprint)
    app.connect("env-get-outdated", freshness.outdated_pages)
    app.connect("env-purge-doc", freshness.forget_page)
    app.connect("env-before-read-docs", freshness.start_reading)
    app.connect("env-before-read-docs", execution.preexecute_read_pages)
    app.connect("doctree-read", freshness.note_glue_sources)
    app.connect("env-get-updated", freshness.pages_to_rewrite)
    app.connect("env-merge-info", freshness.merge_fingerprints)
    app.connect("html-page-context", assets.page_assets)
    app.connect("html-page-context", citing.cite_page)
    app.connect("doctree-resolved", claims.claim_permalinks)
    app.connect("env-updated", citing.write_cite_files)
    app.connect("env-updated", citing.write_open_data)
    app.connect("build-finished", assets.finish_output)
    app.add_directive("claim", claims.ClaimDirective)
    app.add_role("article", claims.article_role)
    app.add_role("claim-title", claims.claim_title_role)
    app.add_css_file("vendor/book.css")
    app.add_css_file("vendor/verdicts.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
