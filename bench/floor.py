"""The Markdown floor of a cold build: read every post, parse its frontmatter, render its Markdown with
Pygments, and nothing else (no templates, no writes), in one process or spread over several.

Herald's own Markdown settings are used. The issue's floor is stock Python-Markdown (`--renderer
python-markdown`); Herald renders the same HTML faster (see herald_site.markdown.inline_skipping), so `--renderer herald`
(its render_markdown, which also reads links and words) is the floor of Herald's own rendering work.
Run `python -m bench.floor CONTENT --processes 2`; the bench times it as a fresh process, like a build.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import frontmatter
import markdown

from herald_site.markdown import EXTENSION_CONFIGS, EXTENSIONS, render_markdown

RENDERERS = ("python-markdown", "herald")


def render_files(paths: list[Path], renderer: str = "python-markdown") -> int:
    """Render each file; returns the HTML characters made, so the work cannot be skipped."""
    convert = _converter(renderer)
    made = 0
    for path in paths:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        made += len(convert(post.content))
    return made


def _converter(renderer: str) -> Callable[[str], str]:
    if renderer == "herald":
        return lambda text: render_markdown(text).html
    converter = markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)
    return lambda text: converter.reset().convert(text)


def render_all(content_dir: Path, processes: int, renderer: str = "python-markdown") -> int:
    paths = sorted((content_dir / "posts").glob("*.md"))
    if processes == 1:
        return render_files(paths, renderer)
    shares = [paths[start::processes] for start in range(processes)]
    with ProcessPoolExecutor(max_workers=processes) as pool:
        return sum(pool.map(render_files, shares, [renderer] * processes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path, help="a Herald content folder (its posts/ are rendered)")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--renderer", choices=RENDERERS, default=RENDERERS[0])
    options = parser.parse_args()
    print(f"{render_all(options.content, options.processes, options.renderer)} characters of HTML")


if __name__ == "__main__":
    main()
