"""The Markdown floor of a cold build: read every post, parse its frontmatter, render its Markdown with
Pygments, and nothing else (no templates, no writes), in one process or spread over several.

Herald's own Markdown settings are used, so the floor is the rendering work Herald's build cannot avoid.
Run `python -m bench.floor CONTENT --processes 2`; the bench times it as a fresh process, like a build.
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import frontmatter
import markdown

from herald_site.markdown import EXTENSION_CONFIGS, EXTENSIONS


def render_files(paths: list[Path]) -> int:
    """Render each file; returns the HTML characters made, so the work cannot be skipped."""
    converter = markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)
    made = 0
    for path in paths:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        made += len(converter.reset().convert(post.content))
    return made


def render_all(content_dir: Path, processes: int) -> int:
    paths = sorted((content_dir / "posts").glob("*.md"))
    if processes == 1:
        return render_files(paths)
    shares = [paths[start::processes] for start in range(processes)]
    with ProcessPoolExecutor(max_workers=processes) as pool:
        return sum(pool.map(render_files, shares))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path, help="a Herald content folder (its posts/ are rendered)")
    parser.add_argument("--processes", type=int, default=1)
    options = parser.parse_args()
    print(f"{render_all(options.content, options.processes)} characters of HTML")


if __name__ == "__main__":
    main()
