"""Herald's static side: a Flask app whose views render the content; `herald_site.build.freeze` writes it to files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Flask loads with the app, not with the package: a build with nothing to do never needs it
    from flask import Flask

    from herald_site.content import SiteIndex
    from herald_site.speed.cache import BuildCache


def create_app(
    content_dir: Path | str,
    *,
    drafts: bool = False,
    strict: bool = False,
    base_url: str | None = None,
    service_url: str | None = None,
    now: datetime | None = None,
    watch: bool = False,
    cache: BuildCache | None = None,
    jobs: int = 1,
    index: SiteIndex | None = None,
) -> Flask:
    """The site's app for the content in `content_dir`.

    The content is loaded here, once (raising ContentProblems when it has errors); with `watch`, as `serve`
    uses it, it is reloaded whenever a content file changes. `base_url` and `service_url` override site.yml.
    `cache` and `jobs` make loading faster (see `load_site`); an `index` loaded before is served as it is.
    """
    from flask import Flask

    from herald_site.content import load_site
    from herald_site.web.served_index import EXTENSION_KEY as CONTENT_KEY
    from herald_site.web.served_index import SiteContent
    from herald_site.web.templating import init_templating
    from herald_site.web.url_catalog import EXTENSION_KEY as CATALOG_KEY
    from herald_site.web.url_catalog import UrlCatalog
    from herald_site.web.views import assets, blog, error_pages, feeds, icons, permalinks, seo
    from herald_site.web.views.seo import DRAFTS_CONFIG_KEY

    content_dir = Path(content_dir)

    def load() -> SiteIndex:
        if index is not None:
            return index
        return load_site(
            content_dir, drafts=drafts, strict=strict, now=now, base_url=base_url, service_url=service_url,
            cache=cache, jobs=jobs,
        )

    app = Flask(__name__)
    app.config[DRAFTS_CONFIG_KEY] = drafts
    content = SiteContent(content_dir, load, watch=watch)
    app.extensions[CONTENT_KEY] = content
    catalog = UrlCatalog()
    app.extensions[CATALOG_KEY] = catalog
    for module in (blog, feeds, seo, assets, icons, error_pages, permalinks):
        app.register_blueprint(module.bp)
        catalog.add_blueprint(module.bp, module.URLS)
    init_templating(app)
    return app
