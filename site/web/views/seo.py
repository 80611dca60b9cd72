"""What crawlers read: sitemap.xml listing every HTML page, and robots.txt pointing at it."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, url_for

from herald_site.web.responses import typed_by_path
from herald_site.web.served_index import current_index
from herald_site.web.url_catalog import UrlValues, current_catalog, single_url

bp = Blueprint("seo", __name__)

DRAFTS_CONFIG_KEY = "HERALD_DRAFTS"


@bp.route("/sitemap.xml")
def sitemap() -> Response:
    return typed_by_path(render_template("seo/sitemap.xml", urls=html_page_urls()))


@bp.route("/robots.txt")
def robots() -> Response:
    # A build that shows drafts is a preview: keep it out of search engines.
    preview = current_app.config.get(DRAFTS_CONFIG_KEY, False)
    return typed_by_path(render_template("seo/robots.txt", preview=preview))


def html_page_urls() -> list[str]:
    """The absolute URL of every HTML page the site builds (page URLs end in "/"), in catalog order."""
    urls = (
        url_for(endpoint, _external=True, **values)
        for endpoint, values in current_catalog().urls(current_index())
    )
    return [url for url in dict.fromkeys(urls) if url.endswith("/")]


URLS: dict[str, UrlValues] = {"sitemap": single_url, "robots": single_url}
