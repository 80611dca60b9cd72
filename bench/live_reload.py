"""Save-to-reload under `build.py serve`: how long after a post's file is written the open page shows the edit.

`build.py serve` runs on a generated corpus (`bench/corpus.py`) as an editor runs it; Debian's Chromium
(through Playwright) opens the edited post; each save appends a new line to the post's file and waits for
the page to show it. The figure is from just before the write to the end of the reloaded page's
DOMContentLoaded, both on the machine's wall clock (the browser's `performance.timeOrigin` is one), so
Playwright's own waiting is not counted. Run `python -m bench.live_reload --posts 5000 --saves 10`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from bench.corpus import write_corpus
from bench.paths import HERALD_PYTHON, REPO_ROOT, RESULTS_DIR
from bench.report import describe_machine, machine, write_json
from bench.servers import LoopbackServer
from bench.trees import post_file

CHROMIUM = Path(os.environ.get("HERALD_CHROMIUM", "/usr/bin/chromium"))
# `serve` loads and renders every post before it answers (a minute or more at 5,000 posts on 2 busy cores).
START_SECONDS = 600
WAIT_MS = 60_000  # for one reload: far beyond any real one, so a lost reload fails instead of hanging
# The end of the reloaded page's DOMContentLoaded, in milliseconds since the epoch.
LOADED_AT = "performance.timeOrigin + performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"


@contextmanager
def served_corpus(posts: int, work: Path) -> Iterator[tuple[LoopbackServer, Path, str]]:
    """`build.py serve` on a fresh corpus of `posts` posts: the server, the edited post's file and its URL path."""
    corpus = write_corpus(work / "corpus", posts)
    command = lambda port: [str(HERALD_PYTHON), str(REPO_ROOT / "build.py"), "serve",  # noqa: E731
                            "--content", str(corpus.herald), "--port", str(port)]
    with LoopbackServer(command, env={}, cwd=REPO_ROOT, log=work / "serve.log", ready_path="/",
                        start_seconds=START_SECONDS) as server:
        yield server, post_file(corpus.herald, "herald", corpus.edited), corpus.edited.url_path


def save_to_reload_seconds(posts: int, saves: int, work: Path) -> list[float]:
    """Each save's seconds from the file write to the reloaded page showing it."""
    figures: list[float] = []
    with served_corpus(posts, work) as (server, post, url_path), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.port}{url_path}")
            original = post.read_text(encoding="utf-8")
            for save in range(1, saves + 1):
                marker = f"Live edit number {save} of the benchmark."
                written_at = time.time()
                post.write_text(f"{original}\n{marker}\n", encoding="utf-8")
                page.get_by_text(marker).wait_for(timeout=WAIT_MS)
                figures.append(page.evaluate(LOADED_AT) / 1000 - written_at)
        finally:
            browser.close()
    return figures


def summary(posts: int, figures: list[float]) -> dict[str, Any]:
    return {
        "posts": posts, "saves": len(figures), "seconds": [round(figure, 4) for figure in figures],
        "median_seconds": round(statistics.median(figures), 4), "worst_seconds": round(max(figures), 4),
        "machine": machine(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.add_argument("--no-json", action="store_true", help="print the figures without saving them")
    options = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="herald-live-bench-"))
    try:
        results = summary(options.posts, save_to_reload_seconds(options.posts, options.saves, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"save to reload at {options.posts:,} posts, {options.saves} saves: median "
          f"{results['median_seconds'] * 1000:.0f} ms, worst {results['worst_seconds'] * 1000:.0f} ms "
          f"(each: {', '.join(f'{s * 1000:.0f}' for s in results['seconds'])} ms)")
    print(describe_machine(results["machine"]))
    if not options.no_json:
        print(f"written to {write_json(options.results_dir, f'live-reload-{options.posts}', results)}")


if __name__ == "__main__":
    main()
