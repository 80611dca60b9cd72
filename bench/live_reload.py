"""Save-to-reload under `build.py serve`: how long after a post's file is written the open page shows the edit.

`build.py serve` runs on a generated corpus (`bench/corpus.py`) as an editor runs it; Debian's Chromium
(through Playwright) opens the edited post; each save appends a new line to the post's file and waits for
the page to show it. The figure is from just before the write to the end of the reloaded page's
DOMContentLoaded, both on the machine's wall clock (the browser's `performance.timeOrigin`, the start of the
reload, is one), so Playwright's own waiting is not counted; the navigation's timing splits it in three. Run `python -m bench.live_reload --posts 5000 --saves 10`.
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
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

from bench.corpus import write_corpus
from bench.paths import HERALD_PYTHON, REPO_ROOT, RESULTS_DIR
from bench.report import describe_machine, machine, write_json
from bench.servers import LoopbackServer
from bench.trees import post_file

CHROMIUM = Path(os.environ.get("HERALD_CHROMIUM", "/usr/bin/chromium"))
# `serve` loads and renders every post before it answers (a minute or more at 5,000 posts on 2 busy cores).
START_SECONDS = 600
WAIT_MS = 60_000  # for one reload: far beyond any real one, so a lost reload fails instead of hanging
# When the reload started (ms since the epoch), and the page's answer and DOMContentLoaded (ms after that).
RELOAD_TIMING = """(() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  return [performance.timeOrigin, navigation.responseEnd, navigation.domContentLoadedEventEnd];
})()"""


@contextmanager
def served_corpus(posts: int, work: Path) -> Iterator[tuple[LoopbackServer, Path, str]]:
    """`build.py serve` on a fresh corpus of `posts` posts: the server, the edited post's file and its URL path."""
    corpus = write_corpus(work / "corpus", posts)
    command = lambda port: [str(HERALD_PYTHON), str(REPO_ROOT / "build.py"), "serve",  # noqa: E731
                            "--content", str(corpus.herald), "--port", str(port)]
    with LoopbackServer(command, env={}, cwd=REPO_ROOT, log=work / "serve.log", ready_path="/",
                        start_seconds=START_SECONDS) as server:
        yield server, post_file(corpus.herald, "herald", corpus.edited), corpus.edited.url_path


@dataclass(frozen=True)
class Reload:
    """One save's seconds: until the page's reload started (the server noticed, loaded, answered the long-poll),
    then until the page's answer arrived, then until its DOMContentLoaded (its files fetched)."""

    until_reload: float
    page_answer: float
    page_files: float

    @property
    def total(self) -> float:
        return self.until_reload + self.page_answer + self.page_files


def save_to_reload(posts: int, saves: int, work: Path, browser: Browser) -> list[Reload]:
    """Each save's seconds from the file write to the reloaded page showing it."""
    figures: list[Reload] = []
    with served_corpus(posts, work) as (server, post, url_path):
        page = browser.new_page()
        try:
            page.goto(f"http://127.0.0.1:{server.port}{url_path}")
            original = post.read_text(encoding="utf-8")
            for save in range(1, saves + 1):
                marker = f"Live edit number {save} of the benchmark."
                written_at = time.time()
                post.write_text(f"{original}\n{marker}\n", encoding="utf-8")
                page.get_by_text(marker).wait_for(timeout=WAIT_MS)
                started, answered, loaded = page.evaluate(RELOAD_TIMING)
                figures.append(Reload(started / 1000 - written_at, answered / 1000, (loaded - answered) / 1000))
        finally:
            page.close()
    return figures


def summary(posts: int, reloads: list[Reload]) -> dict[str, Any]:
    totals = [reload.total for reload in reloads]
    return {
        "posts": posts, "saves": len(reloads), "seconds": [round(total, 4) for total in totals],
        "median_seconds": round(statistics.median(totals), 4), "worst_seconds": round(max(totals), 4),
        "parts_median_seconds": {part: round(statistics.median(getattr(reload, part) for reload in reloads), 4)
                                 for part in ("until_reload", "page_answer", "page_files")},
        "reloads": [asdict(reload) for reload in reloads],
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
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
            results = summary(options.posts, save_to_reload(options.posts, options.saves, work, browser))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"save to reload at {options.posts:,} posts, {options.saves} saves: median "
          f"{results['median_seconds'] * 1000:.0f} ms, worst {results['worst_seconds'] * 1000:.0f} ms "
          f"(each: {', '.join(f'{s * 1000:.0f}' for s in results['seconds'])} ms)")
    parts = results["parts_median_seconds"]
    print(f"medians: until the reload starts {parts['until_reload'] * 1000:.0f} ms, the page's answer "
          f"{parts['page_answer'] * 1000:.0f} ms, its files until DOMContentLoaded {parts['page_files'] * 1000:.0f} ms")
    print(describe_machine(results["machine"]))
    if not options.no_json:
        print(f"written to {write_json(options.results_dir, f'live-reload-{options.posts}', results)}")


if __name__ == "__main__":
    main()
