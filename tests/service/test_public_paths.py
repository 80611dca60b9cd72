"""Every route the service registers lies under one of its public paths (service/public_paths.py), and each
public path holds a route: the list the site's proxy rules and `build.py demo` read is the service's own."""

from __future__ import annotations

from pathlib import Path

from service import create_app
from service.public_paths import SERVICE_PREFIXES
from tests.conftest import SECRET_KEY

# Flask's own route for service/static/, answered on the service's address only: the site has a /static/ of its
# own, so the service's pages take their stylesheet from /board/threads/service.css instead.
FLASK_STATIC_ENDPOINT = "static"


def public_path_of(route: str) -> str | None:
    """The public path a route lies under: a folder holding it, or the very path; None when there is none."""
    for prefix in SERVICE_PREFIXES:
        if route == prefix or prefix.endswith("/") and route.startswith(prefix):
            return prefix
    return None


def routes(tmp_path: Path) -> list[str]:
    app = create_app({"TESTING": True, "SECRET_KEY": SECRET_KEY, "HERALD_AUTO_MIGRATE": False,
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.db'}"})
    return [rule.rule for rule in app.url_map.iter_rules() if rule.endpoint != FLASK_STATIC_ENDPOINT]


def test_every_route_lies_under_a_public_path(tmp_path):
    assert [route for route in routes(tmp_path) if public_path_of(route) is None] == []


def test_every_public_path_holds_a_route(tmp_path):
    covered = {public_path_of(route) for route in routes(tmp_path)}
    assert [prefix for prefix in SERVICE_PREFIXES if prefix not in covered] == []


def test_a_folder_holds_what_is_below_it_and_a_path_only_itself():
    assert public_path_of("/api/comments") == "/api/" and public_path_of("/healthz") == "/healthz"
    assert public_path_of("/healthz/more") is None and public_path_of("/apiary/") is None
