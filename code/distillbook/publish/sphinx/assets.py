"""The site's assets: the theme's unused scripts and styles dropped, the Vega runtime served from
the site and loaded only on pages with an interactive chart, the book's templates first, and
nothing published that is not part of the book (execution reports, source copies, orphan pages).
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx

from distillbook.core import paths
from distillbook.publish.files import write_if_changed

#: Scripts and stylesheets the theme adds that this book does not use. Thebe (live code) is off,
#: yet sphinx-thebe emits its inline configuration twice per page, a console error on every page.
#: Thebe (live code), toggles, copy buttons, sphinx-design and code highlighting are unused here.
UNUSED_ASSETS = (
    "sphinx-thebe.js",
    "sphinx-thebe.css",
    "THEBE_JS_URL",
    "togglebutton",
    "toggleHint",
    "toggleOpenOnPrint",
    "copybutton",
    "clipboard.min.js",
    "design-tabs.js",
    "sphinx-design.min.css",
    "pygments.css",
)

_THEBE_BODY = re.compile(
    r'\s*<script type="text/x-thebe-config">.*?</script>\s*<script>kernelName = [^<]*</script>', re.S
)


_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\s*')


def _used(asset) -> bool:
    text = f"{getattr(asset, 'filename', asset)} {getattr(asset, 'attributes', {}).get('body', '')}"
    return not any(marker in text for marker in UNUSED_ASSETS)


def page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Drop unused theme assets; load the Vega runtime only on pages with an interactive chart."""
    for key in ("script_files", "css_files"):
        if key in context:
            # in place: these are the builder's own lists, which Sphinx restores after each page
            # and to which add_js_file() below appends
            context[key][:] = [asset for asset in context[key] if _used(asset)]
    if "metatags" in context:
        # docutils writes a viewport tag into the page's meta tags, and Sphinx's layout writes
        # one already: keep one (the theme's second is removed by the book's layout.html)
        context["metatags"] = _VIEWPORT.sub("", context["metatags"])
    if "body" in context and "pathto" in context:
        # the book's title above the page, shown on narrow screens where the sidebar is hidden
        title = html.escape(app.config.html_title or app.config.project)
        home = html.escape(context["pathto"](app.config.root_doc))
        context["body"] = f'<p class="book-title-mobile"><a href="{home}">{title}</a></p>\n' + context["body"]
    if "body" in context:
        # docutils marks bibliography entries role="doc-biblioentry" inside a role="list"
        # container: a list whose children are not list items (axe: aria-required-children,
        # critical). They are list items.
        context["body"] = _THEBE_BODY.sub("", context["body"]).replace('role="doc-biblioentry"', 'role="listitem"')
    if "book-chart" in context.get("body", ""):
        # a small classic script, deferred: it loads the Vega runtime itself, and only when a live
        # chart comes near the screen, so the runtime never delays the page
        app.add_js_file("vendor/book-charts.js", loading_method="defer")
    if 'class="ledger"' in context.get("body", ""):
        # the verdict page's filters: small, deferred; the list works without it
        app.add_js_file("vendor/book-ledger.js", loading_method="defer")


def write_static_assets(app: Sphinx) -> None:
    """Write the locally served Vega bundle, the book's small assets and myst-nb's stylesheet into
    the output before any page is written. Sphinx stamps each asset link with a checksum of the
    file it finds (``?v=...``); written early, the stamp is the same on a clean build and on a
    rebuild, so two builds of the same sources give the same bytes."""
    if app.builder.format != "html":
        return
    from myst_nb.sphinx_ext import add_global_html_resources

    from distillbook.core.palette import verdict_css

    vendor = Path(app.outdir) / "_static" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    bundle = vendor / "vega-bundle.js"
    if not bundle.exists() or not bundle.read_text(encoding="utf-8")[:20].startswith("(() => {"):
        # vl-convert and Altair are imported only to make it. A classic script (its declarations
        # kept local), so that it also loads from disk (file://), where browsers refuse module
        # scripts; it sets window.vegaEmbed
        import vl_convert as vlc

        from distillbook.core.charts import VEGA_LITE

        bundle.write_text(f"(() => {{\n{vlc.javascript_bundle(vl_version=VEGA_LITE)}\n}})();\n", encoding="utf-8")
    # a rebuild writes no file it need not (an unchanged asset keeps its modification time)
    for asset in paths.ASSETS_DIR.iterdir():
        write_if_changed(vendor / asset.name, asset.read_bytes())
    write_if_changed(vendor / "verdicts.css", verdict_css().encode("utf-8"))
    add_global_html_resources(app, None)


def use_book_templates(app: Sphinx, config) -> None:
    """Put the book's templates first: they replace the theme's FontAwesome-loading macros."""
    config.templates_path = [str(paths.PACKAGE_DIR / "templates"), *config.templates_path]


def finish_output(app: Sphinx, exception: Exception | None) -> None:
    """Remove what must not be published: execution reports, source copies, orphan pages."""
    if exception is not None or app.builder.format != "html":
        return
    shutil.rmtree(Path(app.outdir) / "reports", ignore_errors=True)
    if not app.config.html_copy_source:
        shutil.rmtree(Path(app.outdir) / "_sources", ignore_errors=True)
    remove_orphan_pages(app)
    write_not_found_page(app)


def write_not_found_page(app: Sphinx) -> None:
    """The site's 404 page (:mod:`distillbook.publish.notfound`), with the book's icon inlined."""
    from distillbook.publish import notfound
    from distillbook.publish.sphinx.citing import book_meta

    favicon = Path(app.confdir) / app.config.html_favicon if app.config.html_favicon else None
    icon = favicon.read_text(encoding="utf-8") if favicon and favicon.suffix == ".svg" else ""
    repository = (app.config.html_theme_options or {}).get("repository_url", "")
    text = notfound.page(book_meta(app), icon, repository)
    write_if_changed(Path(app.outdir) / notfound.PATH, text.encode("utf-8"))


#: Pages Sphinx writes that are not documents of the book.
SPECIAL_PAGES = {"genindex", "search", "py-modindex", "404"}


def remove_orphan_pages(app: Sphinx) -> None:
    """Delete output pages whose source is no longer part of the book (Sphinx leaves them)."""
    outdir = Path(app.outdir)
    for page in outdir.rglob("*.html"):
        relative = page.relative_to(outdir)
        if relative.parts[0].startswith("_"):
            continue
        docname = str(relative.with_suffix(""))
        if docname not in app.env.found_docs and docname not in SPECIAL_PAGES:
            page.unlink()
    for folder in sorted((p for p in outdir.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
