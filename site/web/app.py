"""The site's Flask app: one blueprint per concern renders the content index into pages, at the URL shapes of
`herald_site.urls`; `herald_site.build.freeze` writes them to files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask import Flask

from herald_site.content import SiteIndex, load_site
from herald_site.content.documents import DocumentLoader, load_documents
from herald_site.content.walk import ContentFiles
from herald_site.web.language_routes import content_languages, follow_languages, route_languages
from herald_site.web.page_languages import init_page_languages
from herald_site.web.page_settings import init_page_settings
from herald_site.web.page_words import init_page_words
from herald_site.web.served_index import EXTENSION_KEY as CONTENT_KEY
from herald_site.web.served_index import SiteContent
from herald_site.web.social_meta import init_social_meta
from herald_site.web.templating import init_templating
from herald_site.web.url_catalog import add_converters
from herald_site.web.views import assets, blog, error_pages, feeds, icons, permalinks, seo, share, shell, videos
from herald_site.web.views.seo import DRAFTS_CONFIG_KEY

# One blueprint per concern; each registers its views at their URL shapes.
BLUEPRINTS = (blog, feeds, seo, share, assets, icons, error_pages, shell, videos, permalinks)


def create_app(
    content_dir: Path | str,
    *,
    drafts: bool = False,
    strict: bool = False,
    base_url: str | None = None,
    service_url: str | None = None,
    now: datetime | None = None,
    watch: bool = False,
    index: SiteIndex | None = None,
    loader: DocumentLoader = load_documents,
) -> Flask:
    """The site's app for the content in `content_dir`.

    The content is loaded here, once (raising ContentProblems when it has errors); with `watch`, as `serve`
    uses it, it is reloaded whenever a content file changes. `base_url` and `service_url` override site.yml.
    An `index` loaded before (by a build, through its cache) is served as it is; `loader` loads the documents
    (`serve` passes the build cache's, so that a change re-reads only the files that changed).
    """
    content_dir = Path(content_dir)

    def load(files: ContentFiles | None) -> SiteIndex:
        if index is not None:
            return index
        return load_site(
            content_dir, drafts=drafts, strict=strict, now=now, base_url=base_url, service_url=service_url,
            files=files, loader=loader,
        )

    app = Flask(__name__, static_folder=None)  # the theme's files are served by `assets`, the site's first
    app.config[DRAFTS_CONFIG_KEY] = drafts
    content = app.extensions[CONTENT_KEY] = SiteContent(content_dir, load, watch=watch)
    add_converters(app)
    route_languages(app, content_languages(content) or ())  # before the views: their rules need the converters
    init_templating(app, content_dir, watch=watch)  # first: a blueprint's template global makes the Jinja env
    for module in BLUEPRINTS:
        app.register_blueprint(module.bp)
    init_page_languages(app)
    init_page_settings(app)
    init_page_words(app)
    init_social_meta(app)
    if watch:
        follow_languages(app, content)
        assets.serve_static_folders(app, content_dir)
    return app
