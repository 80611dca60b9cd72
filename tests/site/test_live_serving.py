"""`serve`'s app as `build.py serve` makes it: loading through a build cache of its own, whose renderings of
the pages being served outlive a save that breaks the content. Waits are on the version, never sleeps."""

from __future__ import annotations

import logging
from pathlib import Path

from herald_site.build.live_serving import live_site, quiet_long_polls
from herald_site.web.live.reload import LIVE_PATH, VERSIONS_KEY, Versions
from tests.site.conftest import ContentFolder
from tests.site.test_live_reload import wait_until


def test_a_broken_save_keeps_the_cached_page_of_the_last_good_text(content: ContentFolder, tmp_path: Path) -> None:
    post = content.post("hello.md", "title: Hello\ndate: 2024-01-01", "First words.\n")
    report: list[str] = []
    with live_site(content.root, report=report.append, cache_dir=tmp_path / "cache") as app:
        versions: Versions = app.extensions[VERSIONS_KEY]
        client = app.test_client()
        assert "First words." in client.get("/2024/01/01/hello/").get_data(as_text=True)

        post.write_text(post.read_text().replace("2024-01-01", "someday") + "Broken words.\n")
        wait_until(versions, lambda: any("someday" in line for line in report))

        shown = client.get("/2024/01/01/hello/").get_data(as_text=True)
        assert "First words." in shown and "herald-live-problems" in shown  # its HTML came from the cache
        assert "Broken words." not in shown

        post.write_text(post.read_text().replace("someday", "2024-01-01").replace("Broken", "Fixed"))
        wait_until(versions, lambda: "Fixed words." in client.get("/2024/01/01/hello/").get_data(as_text=True))
        assert "herald-live-problems" not in client.get("/2024/01/01/hello/").get_data(as_text=True)


def test_the_long_polls_stay_out_of_the_request_log() -> None:
    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("werkzeug", logging.INFO, __file__, 1, message, None, None)

    assert not quiet_long_polls(record(f'127.0.0.1 - - "GET {LIVE_PATH}?version=a-1 HTTP/1.1" 200 -'))
    assert quiet_long_polls(record('127.0.0.1 - - "GET /about/ HTTP/1.1" 200 -'))


def test_a_second_serve_of_the_same_content_keeps_a_cache_of_its_own(content: ContentFolder, tmp_path: Path) -> None:
    content.post("hello.md", "title: Hello\ndate: 2024-01-01", "First words.\n")
    report: list[str] = []
    with live_site(content.root, report=report.append, cache_dir=tmp_path / "cache"):
        with live_site(content.root, report=report.append, cache_dir=tmp_path / "cache") as second:
            assert "First words." in second.test_client().get("/2024/01/01/hello/").get_data(as_text=True)
    assert report == [f"Another serve uses the cache in {tmp_path / 'cache'}; this one keeps its own until it stops."]
