"""What crawlers read: sitemap.xml listing every HTML page, and robots.txt pointing at it."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, url_for

from herald_site import urls
from herald_site.web.responses import typed_by_path
from herald_site.web.served_index import current_index
from herald_site.web.url_catalog import catalog_urls, serves

bp = Blueprint("seo", __name__)

DRAFTS_CONFIG_KEY = "HERALD_DRAFTS"


@serves(bp, urls.SITEMAP)
def sitemap() -> Response:
    return typed_by_path(render_template("seo/sitemap.xml", urls=html_page_urls()))


@serves(bp, urls.ROBOTS)
def robots() -> Response:
    # A build that shows drafts is a preview: keep it out of search engines.
    preview = current_app.config.get(DRAFTS_CONFIG_KEY, False)
    return typed_by_path(render_template("seo/robots.txt", preview=preview))


def html_page_urls() -> list[str]:
    """The absolute URL of every HTML page the site builds, in the order of the URL shapes."""
    pages = catalog_urls(current_index(), pages_only=True)
    return list(dict.fromkeys(url_for(endpoint, _external=True, **values) for endpoint, values in pages))
