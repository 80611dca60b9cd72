"""The client the freezer fetches pages with asks the app exactly what Flask's test client asks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask, request
from flask.testing import FlaskClient

from herald_site import create_app
from herald_site.build import freeze
from herald_site.build.freeze import freeze_site
from herald_site.speed.page_client import PageClient
from tests.conftest import SAMPLE_CONTENT
from tests.site.conftest import snapshot


def echo_app() -> Flask:
    app = Flask(__name__)

    @app.route("/", defaults={"rest": ""})
    @app.route("/<path:rest>")
    def echo(rest: str) -> dict[str, object]:
        return {"rest": rest, "path": request.path, "url": request.url, "host": request.host,
                "script_root": request.script_root, "args": request.args.to_dict(), "scheme": request.scheme}

    @app.route("/moved/")
    def moved() -> tuple[str, int, dict[str, str]]:
        return "", 302, {"Location": "/tags/air/"}

    return app


@pytest.mark.parametrize("base_url", ["http://localhost/", "https://cleanair.example.org/",
                                      "https://example.org:8443/campaign/", None])
@pytest.mark.parametrize("url", ["/", "/2024/05/03/post/", "/tags/caf%C3%A9/", "/assets/theme.css?v=1a2b&x=%C3%A9",
                                 "/a%20space/feed.xml"])
def test_the_app_sees_the_request_flasks_test_client_would_make(base_url, url):
    app = echo_app()
    ours = PageClient(app, app.response_class).get(url, base_url=base_url)
    flasks = FlaskClient(app, app.response_class).get(url, base_url=base_url)
    assert (ours.status_code, ours.mimetype) == (flasks.status_code, flasks.mimetype) == (200, "application/json")
    assert json.loads(ours.data) == json.loads(flasks.data)


def test_redirects_are_followed_by_flasks_client():
    app = echo_app()
    response = PageClient(app, app.response_class).get("/moved/", follow_redirects=True)
    assert json.loads(response.data)["path"] == "/tags/air/"
    assert PageClient(app, app.response_class).get("/moved/").status_code == 302


def test_the_sample_site_freezes_to_the_same_bytes_as_with_flasks_client(tmp_path: Path, monkeypatch):
    base_url = "https://example.org:8443"
    freeze_site(create_app(SAMPLE_CONTENT, base_url=base_url, service_url=None), tmp_path / "ours")
    monkeypatch.setattr(freeze, "PageClient", FlaskClient)
    freeze_site(create_app(SAMPLE_CONTENT, base_url=base_url, service_url=None), tmp_path / "flasks")
    ours, flasks = snapshot(tmp_path / "ours"), snapshot(tmp_path / "flasks")
    assert len(ours) > 30 and ours == flasks
