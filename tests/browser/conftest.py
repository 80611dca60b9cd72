"""Browser fixtures: the frozen sample site and the service on one loopback origin, driven in Chromium.

The site is built with `service_url` set to that origin and served the way Netlify serves it (the `/api/`,
`/admin` and `/healthz` paths go to the service, everything else is the frozen build); or, with
`own_service_origin`, the service answers on a port of its own, as a separately hosted comment server does.
Debian's chromium runs headless through Playwright; screenshots go to a folder printed at the end of the run,
for people to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask

from herald_site import create_app as create_site
from herald_site.build.built_site_server import site_with_service, static_site
from herald_site.build.freeze import freeze_site
from herald_site.build.pipeline import build_site
from herald_site.build.service_comments import wsgi_fetch
from herald_site.cli import service_settings_for_site
from service import create_app as create_service
from tests.browser.axe import AxeUnavailable, axe_source
from tests.conftest import ADMIN_TOKEN, REPO_ROOT, SAMPLE_CONTENT, SECRET_KEY, free_port, require_service, serving
from tests.service.smtp_server import RecordingSmtpServer

CHROMIUM = Path(os.environ.get("HERALD_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
# Headless Chromium names itself "HeadlessChrome", which the service rightly drops as a bot.
DESKTOP_USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "Chrome/130.0.0.0 Safari/537.36")
SCREENSHOTS = Path(os.environ.get("HERALD_SCREENSHOTS", REPO_ROOT / "test-artifacts" / "screenshots"))


@dataclass
class ServedSite:
    """A frozen site answering on `origin`."""

    origin: str
    build_dir: Path

    def url(self, path: str) -> str:
        return self.origin + path


@dataclass
class HeraldStack(ServedSite):
    """The running site and service: where they answer and what is behind them."""

    service: Flask
    smtp: RecordingSmtpServer
    service_origin: str  # the origin itself, unless the service has one of its own


def start_stack(tmp_path: Path, *, own_service_origin: bool = False, bake_comments: bool = False,
                **service_settings: object) -> Iterator[HeraldStack]:
    """Build the sample site for a fresh origin and serve it with a fresh service; stop both afterwards.

    With `own_service_origin` the service answers on another port (another origin) than the site. With
    `bake_comments` the build bakes the service's comments into the posts (none yet, as in a first build
    that reached the service), as `build.py build` does; without, it bakes none, as when the service is down.
    """
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    service_port = _another_port(port) if own_service_origin else port
    service_origin = f"http://127.0.0.1:{service_port}"
    build_dir = tmp_path / "build"
    smtp = RecordingSmtpServer()
    smtp.start()
    service = create_service({
        "DATABASE_URL": f"sqlite:///{tmp_path / 'herald.db'}",
        "SECRET_KEY": SECRET_KEY,
        "HERALD_ADMIN_TOKEN": ADMIN_TOKEN,
        "HERALD_SITE_ORIGIN": origin,
        "HERALD_SMTP_URL": smtp.url,
        **service_settings_for_site(SAMPLE_CONTENT),  # title and contact routing, from the sample's site.yml
        "RATELIMIT_ENABLED": False,
        **service_settings,
    })
    site = static_site(build_dir)
    try:
        if bake_comments:
            build_site(SAMPLE_CONTENT, build_dir, base_url=origin, service_url=service_origin,
                       comments=wsgi_fetch(service))
        else:
            freeze_site(create_site(SAMPLE_CONTENT, base_url=origin, service_url=service_origin), build_dir)
        with ExitStack() as servers:
            if own_service_origin:
                servers.enter_context(serving(site, port))
                servers.enter_context(serving(service, service_port))
            else:
                servers.enter_context(serving(site_with_service(site, service), port))
            yield HeraldStack(origin, build_dir, service, smtp, service_origin)
    finally:
        smtp.stop()
        service.extensions["herald_db"].engine.dispose()


def _another_port(taken: int) -> int:
    port = free_port()
    while port == taken:
        port = free_port()
    return port


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HeraldStack]:
    """The site and service, shared by the tests of one module (each module starts from an empty database)."""
    yield from start_stack(tmp_path_factory.mktemp("stack"))


@pytest.fixture(scope="module")
def split_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HeraldStack]:
    """The same with the service on another port (another origin) than the site, as a comment server of its own."""
    yield from start_stack(tmp_path_factory.mktemp("split"), own_service_origin=True)


@contextmanager
def served_site(content_dir: Path, build_dir: Path) -> Iterator[ServedSite]:
    """Build `content_dir` as its site.yml says (no service for the sample) and serve it as a CDN would."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    freeze_site(create_site(content_dir, base_url=origin), build_dir)
    with serving(static_site(build_dir), port):
        yield ServedSite(origin, build_dir)


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The sample site as its site.yml builds it, without a service (what the Netlify example publishes)."""
    with served_site(SAMPLE_CONTENT, tmp_path_factory.mktemp("plain") / "build") as site:
        yield site


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    require_service(CHROMIUM.exists(), f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def axe_script() -> str:
    """axe-core's script, fetched from the npm registry at its pinned version the first time (tests/browser/axe.py)."""
    try:
        return axe_source()
    except AxeUnavailable as missing:
        require_service(False, str(missing))  # skips, or fails under HERALD_REQUIRE_SERVICES=1
        raise


@pytest.fixture
def page(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh browser tab (no cookies, no cache) with JavaScript on."""
    context = browser.new_context(user_agent=DESKTOP_USER_AGENT, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def page_without_javascript(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh browser tab with JavaScript off: what a visitor without scripts gets."""
    context = browser.new_context(user_agent=DESKTOP_USER_AGENT, viewport={"width": 1280, "height": 900},
                                  java_script_enabled=False)
    tab = context.new_page()
    yield tab
    context.close()


def screenshot(tab, name: str, *, full_page: bool = True) -> Path:  # type: ignore[no-untyped-def]
    """Save a screenshot of the whole page (or of the window only, for a modal dialog) for people to look at (not
    committed; see the path printed at the end)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=full_page)
    return path


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if SCREENSHOTS.exists() and any(SCREENSHOTS.glob("*.png")):
        terminalreporter.write_line(f"browser screenshots: {SCREENSHOTS}")
