"""netlify.toml: how Netlify builds and serves the site."""

from __future__ import annotations

import tomllib

import pytest

from service.public_paths import SERVICE_PREFIXES
from herald_site.content import load_config
from tests.conftest import REPO_ROOT, SAMPLE_CONTENT

SERVICE_PLACEHOLDER = "https://SERVICE.example.org"


@pytest.fixture(scope="module")
def netlify() -> dict:
    return tomllib.loads((REPO_ROOT / "netlify.toml").read_text())

VIDEO_PLAYERS = "https://www.youtube-nocookie.com https://player.vimeo.com"

def headers_for(netlify: dict, pattern: str) -> dict[str, str]:
    [rule] = [rule for rule in netlify["headers"] if rule["for"] == pattern]
    return rule["values"]


def test_build_installs_then_builds_into_the_published_folder(netlify: dict) -> None:
    build = netlify["build"]
    install, _, command = build["command"].partition("&&")
    assert "pip install" in install
    assert command.strip().startswith("python build.py build")
    assert build["publish"] == "build"
    major, minor = map(int, build["environment"]["PYTHON_VERSION"].split(".")[:2])
    assert (major, minor) >= (3, 11)


def proxy_rule(prefix: str) -> dict:
    """The rule that proxies a public path of the service: a folder with all it holds, or one path."""
    if prefix.endswith("/"):
        return {"from": f"{prefix}*", "to": f"{SERVICE_PLACEHOLDER}{prefix}:splat", "status": 200, "force": True}
    return {"from": prefix, "to": f"{SERVICE_PLACEHOLDER}{prefix}", "status": 200, "force": True}


def test_exactly_the_services_public_paths_are_proxied_to_it(netlify: dict) -> None:
    to_service = [rule for rule in netlify["redirects"] if rule["to"].startswith(SERVICE_PLACEHOLDER)]
    assert sorted(to_service, key=lambda rule: rule["from"]) == sorted(
        (proxy_rule(prefix) for prefix in SERVICE_PREFIXES), key=lambda rule: rule["from"])
    assert {"/api/*", "/healthz"} <= {rule["from"] for rule in to_service}


def test_a_miss_under_each_language_s_folder_gets_its_404_page(netlify: dict) -> None:
    """Each language of the sample other than the default; a rule without `force`, so built files come first."""
    folders = [f"/{language.code.lower()}/" for language in load_config(SAMPLE_CONTENT).languages if not language.default]
    assert folders == ["/fr/", "/ar/"]
    missing = [rule for rule in netlify["redirects"] if rule["status"] == 404]
    assert missing == [{"from": f"{folder}*", "to": f"{folder}404.html", "status": 404} for folder in folders]


def test_security_headers(netlify: dict) -> None:
    headers = headers_for(netlify, "/*")
    policy = dict(directive.strip().split(" ", 1) for directive in headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["connect-src"] == f"'self' {SERVICE_PLACEHOLDER}"
    assert policy["frame-ancestors"] == "'none'"
    # Frames only from the two video players the facade loads on a press of play (herald-video.js), and no other
    # directive names them.
    assert policy["frame-src"] == VIDEO_PLAYERS
    for directive, sources in policy.items():
        allowed = {"'self'", "'none'", "data:", SERVICE_PLACEHOLDER, "'unsafe-inline'"}
        players = set(VIDEO_PLAYERS.split()) if directive == "frame-src" else set()
        assert set(sources.split()) <= allowed | players, directive
        assert "'unsafe-inline'" not in sources or directive == "style-src-attr", directive
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]


@pytest.mark.parametrize(("pattern", "at_least_days"), [("/static/*", 365), ("/media/*", 30)])
def test_assets_are_cached_long(netlify: dict, pattern: str, at_least_days: int) -> None:
    cache = headers_for(netlify, pattern)["Cache-Control"]
    max_age = int(cache.split("max-age=")[1].split(",")[0])
    assert max_age >= at_least_days * 86400 and "public" in cache
