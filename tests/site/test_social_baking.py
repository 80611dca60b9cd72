"""A post's copies on Mastodon and Bluesky and the replies brought home from there, baked under the post: linked
("Discuss on ..."), marked with their network and handle, cleaned again by the build, and gone from the site
once deleted at the source."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask

from herald_site.build.pipeline import build_site
from herald_site.build.service_comments import page_comments, wsgi_fetch
from service import create_app as create_service
from service.social.syndication import sync
from service.social.worker import social_settings
from tests.conftest import SECRET_KEY
from tests.service.social_networks import BLUESKY_HANDLE, BLUESKY_PASSWORD, MASTODON_TOKEN, FeedEntry, NetworksServer
from tests.site.test_comments_baking import POST, built_post, site  # noqa: F401  (a fixture)

PUBLISHED = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def networks() -> Iterator[NetworksServer]:
    with NetworksServer() as server:
        yield server


@pytest.fixture
def service(tmp_path: Path, networks: NetworksServer) -> Iterator[Flask]:
    app = create_service({
        "DATABASE_URL": f"sqlite:///{tmp_path / 'service.db'}", "SECRET_KEY": SECRET_KEY, "RATELIMIT_ENABLED": False,
        "HERALD_SOCIAL_FEED": f"{networks.url}/atom.xml", "HERALD_MASTODON_URL": networks.url,
        "HERALD_MASTODON_TOKEN": MASTODON_TOKEN, "HERALD_BLUESKY_HANDLE": BLUESKY_HANDLE,
        "HERALD_BLUESKY_APP_PASSWORD": BLUESKY_PASSWORD, "HERALD_BLUESKY_SERVICE": networks.url,
        "HERALD_BLUESKY_APPVIEW": networks.url,
        "HERALD_SOCIAL_WORKER": False})
    yield app
    app.extensions["herald_db"].engine.dispose()


def run_sync(service: Flask, now: datetime) -> None:
    with service.app_context():
        report = sync(service.extensions["herald_db"], social_settings(), moderation="auto", clock=lambda: now)
    assert report.problems == []


def test_replies_show_under_the_post_and_go_when_deleted_at_the_source(site, tmp_path, service, networks):  # noqa: F811
    run_sync(service, PUBLISHED - timedelta(hours=1))  # the accounts are connected
    networks.networks.feed.append(FeedEntry(POST, "First reading", PUBLISHED))
    run_sync(service, PUBLISHED + timedelta(minutes=5))
    state = networks.networks
    [status_id], [rkey] = list(state.statuses), list(state.records)
    state.mastodon_replies[status_id] = [
        {"id": "900", "account": "ana", "content": '<p>Good <a href="javascript:alert(1)">read</a><script>x()</script></p>'}]
    state.bluesky_replies[rkey] = [{"rkey": "3kreply", "handle": "carla.example.org", "text": "<i>Agreed</i>"}]
    run_sync(service, PUBLISHED + timedelta(minutes=10))

    build_site(site.root, tmp_path / "out", comments=wsgi_fetch(service))
    html = built_post(tmp_path / "out")
    host = networks.url.split("/")[2]
    assert (f'Discuss on <a href="https://bsky.app/profile/{BLUESKY_HANDLE}/post/{rkey}" rel="noopener">Bluesky</a>'
            f' / <a href="{networks.url}/@cleanair/{status_id}" rel="noopener">Mastodon</a>') in html
    assert f'<span class="comment-network">Mastodon · @ana@{host}</span>' in html
    assert f'href="{networks.url}/@ana/900" rel="nofollow ugc noopener">ana</a>' in html
    assert "<script>" not in html.split('social-replies"')[1].split("</ol>")[0]
    assert "javascript:" not in html
    assert '<span class="comment-network">Bluesky · @carla.example.org</span>' in html
    assert "&lt;i&gt;Agreed&lt;/i&gt;" in html and 'href="https://bsky.app/profile/carla.example.org/post/3kreply"' in html

    state.mastodon_replies[status_id] = []  # ana deleted her reply
    run_sync(service, PUBLISHED + timedelta(minutes=15))
    build_site(site.root, tmp_path / "out", comments=wsgi_fetch(service))
    html = built_post(tmp_path / "out")
    assert "@ana" not in html and "@carla.example.org" in html


def test_the_build_shows_no_network_it_does_not_know_and_no_unsafe_link() -> None:
    answer = {"comments": [], "social": {
        "copies": [{"network": "mastodon", "account": "m", "url": "javascript:alert(1)"},
                   {"network": "myspace", "account": "x", "url": "https://myspace.example/1"},
                   {"network": "bluesky", "account": "b", "url": "https://bsky.app/profile/b/post/1"}],
        "replies": [{"network": "bluesky", "handle": "b", "author": "B", "url": "https://bsky.app/profile/b/post/2",
                     "html": "<p onclick=x()>hi<script>y()</script></p>", "created": "2026-05-01T10:00:00+00:00"},
                    {"network": "mastodon", "handle": "m", "author": "M", "url": "data:text/html,x",
                     "html": "<p>no link</p>", "created": "2026-05-01T10:00:00+00:00"}]}}
    baked = page_comments(POST, answer)
    assert [(copy.network, copy.url) for copy in baked.copies] == [("Bluesky", "https://bsky.app/profile/b/post/1")]
    [reply] = baked.replies
    assert reply.html == "<p>hi</p>"
