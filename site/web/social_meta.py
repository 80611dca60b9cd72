"""What other sites read of a page: the Open Graph and Twitter Card tags link previews are drawn from, and the
JSON-LD (`Organization` with the accounts of site.yml's `social:` as `sameAs`, `BlogPosting` on posts) search
engines read; written by `partials/social_meta.html`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from flask import Flask, request, url_for
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from herald_site.content.documents import image_url
from herald_site.content.model import Post, SiteConfig
from herald_site.content.share_frontmatter import CREATOR_KEY, SHARE_IMAGE_SUFFIXES, own_share
from herald_site.content.social_accounts import mastodon_creator
from herald_site.i18n import babel_locale
from herald_site.reader_dates import machine_datetime
from herald_site.urls import MEDIA_PREFIX
from herald_site.web.page_languages import current_versions
from herald_site.web.page_settings import page_site
from herald_site.web.templating import permalink
from herald_site.web.views.videos import featured_video_shown


@dataclass(frozen=True)
class SharedPage:
    """What a link preview of the page shows: its words, its picture (absolute URL or None) and its address."""

    title: str
    description: str
    url: str
    image: str | None
    image_alt: str  # what the picture shows; "" when unknown


def absolute(path: str) -> str:
    """A site path (or a full URL, kept) as the absolute URL other sites need."""
    return urljoin(request.url_root, path)


def share_text(post: Post) -> str:
    """What a post's link preview says: its `share.text`, else its summary."""
    return own_share(post.extra)[0] or post.summary


def share_picture(post: Post | None) -> tuple[str | None, str]:
    """The picture of a shared link and what it shows: the post's `share.image`, else its cover if it is a raster
    image (with its alt), else its featured video's poster (with the video's title), else site.yml's `image`;
    an absolute URL, or None when there is none."""
    chosen, alt = own_share(post.extra)[1] if post else None, ""
    if not chosen and post and post.image and post.image.lower().endswith(SHARE_IMAGE_SUFFIXES):
        chosen, alt = post.image, post.image_alt
    video = featured_video_shown(post) if post and not chosen else None
    if video is not None:
        chosen, alt = video.poster, video.title
    default = page_site().image
    if not chosen and default:
        chosen = MEDIA_PREFIX + default
    return (absolute(image_url(chosen)) if chosen else None), alt


def share_image(post: Post | None) -> str | None:
    """The picture of a shared link (`share_picture`), for the JSON-LD that has no place for its alt."""
    return share_picture(post)[0]


def shared_page(title: str, description: str, post: Post | None = None) -> SharedPage:
    """The page as a link preview shows it; a post's own title and share text in place of the page's."""
    if post is not None:
        title, description = post.title, share_text(post)
    return SharedPage(title, description, request.base_url, *share_picture(post))


def og_locale(code: str) -> str:
    """The Open Graph locale (language_TERRITORY) of a BCP 47 code: `fr` is fr_FR, `ar` ar_EG, as CLDR's likely
    subtags have it."""
    locale = babel_locale(code)
    if not (locale.territory or "").isalpha():  # none, or a region such as English's 001 (the world)
        try:
            locale = Locale.parse(get_global("likely_subtags").get(locale.language, locale.language))
        except (UnknownLocaleError, ValueError):
            return locale.language
    return f"{locale.language}_{locale.territory}" if (locale.territory or "").isalpha() else locale.language


def locale_alternates(code: str) -> list[str]:
    """The Open Graph locales of the page's versions in the site's other languages."""
    return [og_locale(other) for other in current_versions() if other != code and other != "x-default"]


def fediverse_creator(post: Post | None) -> str | None:
    """The Mastodon handle of `fediverse:creator`: a post's `fediverse_creator`, else the site's account."""
    own = post.extra.get(CREATOR_KEY) if post else None
    return "@" + own.strip().removeprefix("@") if own else mastodon_creator(page_site().social)


def _organization(site: SiteConfig) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Organization", "@id": absolute("/") + "#organization", "name": site.title,
                             "url": absolute("/"), "logo": absolute(url_for("icons.app_icon", size=512))}
    same_as = [account.url for account in site.social if account.is_profile]
    if same_as:
        found["sameAs"] = same_as
    return found


def _blog_posting(post: Post, site: SiteConfig, organization: dict[str, Any]) -> dict[str, Any]:
    url = permalink(post, external=True)
    image = share_image(post)
    author = ({key: organization[key] for key in ("@type", "@id", "name", "url")}
              if post.author in ("", site.author, site.title)
              else {"@type": "Person", "name": post.author})
    found: dict[str, Any] = {
        "@type": "BlogPosting", "headline": post.title, "description": share_text(post),
        "datePublished": machine_datetime(post.date), "dateModified": machine_datetime(post.updated or post.date),
        "author": author, "publisher": {"@id": organization["@id"]},
        "mainEntityOfPage": {"@type": "WebPage", "@id": url}, "url": url, "inLanguage": post.language,
    }
    if image:
        found["image"] = [image]
    if post.tags:
        found["keywords"] = list(post.tags)
    return found


def structured_data(post: Post | None = None) -> Markup:
    """The page's JSON-LD: the organisation, and the post on a post's page; compact, and with `<`, `>`, `&` and `'`
    escaped, so that nothing in it can end its <script>."""
    site = page_site()
    organization = _organization(site)
    graph = [organization] + ([_blog_posting(post, site, organization)] if post else [])
    return htmlsafe_json_dumps({"@context": "https://schema.org", "@graph": graph}, separators=(",", ":"),
                               ensure_ascii=False)


def init_social_meta(app: Flask) -> None:
    for function in (shared_page, og_locale, locale_alternates, fediverse_creator, structured_data):
        app.add_template_global(function)
