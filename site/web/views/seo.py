"""What crawlers read: sitemap.xml listing every HTML page (with its versions in the other languages on a site of
several, as its <head> links them), and robots.txt pointing at it."""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, current_app, render_template, url_for

from herald_site import urls
from herald_site.web.page_languages import catalog_hreflang_links
from herald_site.web.responses import typed_by_path
from herald_site.web.served_index import current_index
from herald_site.web.url_catalog import catalog_urls, serves
from herald_site.web.views.permalinks import URL_SAFE

bp = Blueprint("seo", __name__)

DRAFTS_CONFIG_KEY = "HERALD_DRAFTS"


@serves(bp, urls.SITEMAP)
def sitemap() -> Response:
    return typed_by_path(render_template("seo/sitemap.xml", pages=html_pages()))


@serves(bp, urls.ROBOTS)
def robots() -> Response:
    # A build that shows drafts is a preview: keep it out of search engines.
    preview = current_app.config.get(DRAFTS_CONFIG_KEY, False)
    return typed_by_path(render_template("seo/robots.txt", preview=preview, has_videos=bool(current_index().videos)))


@serves(bp, urls.NETLIFY_REDIRECTS)
def netlify_redirects() -> Response:
    """Netlify's `_redirects` file: a 301 from each old address, which Netlify answers before looking for a file."""
    redirects = [(quote(source, safe=URL_SAFE), quote(target, safe=URL_SAFE))
                 for source, target in current_index().redirects.items()]
    return typed_by_path(render_template("seo/netlify_redirects.txt", redirects=redirects))


def html_pages() -> list[tuple[str, list[tuple[str, str]]]]:
    """The absolute URL of every HTML page the site builds, in the order of the URL shapes, with the (hreflang,
    URL) of its versions on a site of several languages."""
    index = current_index()
    found: dict[str, list[tuple[str, str]]] = {}
    for endpoint, values in catalog_urls(index, pages_only=True):
        url = url_for(endpoint, _external=True, **values)
        if url not in found:
            found[url] = catalog_hreflang_links(endpoint, values) if index.config.is_multilingual else []
    return list(found.items())
