"""The static side's folders are layers: a module imports only from its own layer and the layers below it, and no
import hides inside a function to dodge a cycle.

Reading, rendering and writing stay apart this way (Pelican's readers, generators and writers): the content
knows no Flask and no cache, the pages know nothing of how they are written, and the speed-ups plug into the
build without the features depending on them. Every import of every herald_site module is read with `ast`,
those inside functions and under `if TYPE_CHECKING:` too, so a crossing fails here with its file and line.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parent.parent / "site"
PACKAGE = "herald_site"

# What each layer may import besides itself, lowest layer first. The modules at the top of site/ are `shared`
# (urls, url_languages, written_paths, document_urls, slugs, confined, errors, visitor_html, page_shell, reader_dates), except the front door
# (__init__.py) and cli.py, which sit on top.
ALLOWED: dict[str, frozenset[str]] = {
    # the URL shapes, the path check, the error types, the visitors' HTML allowlist, what the service shares
    "shared": frozenset(),
    "markdown": frozenset({"shared"}),  # one text in, its HTML out: knows no posts
    "content": frozenset({"markdown", "shared"}),  # READ: no Flask, no cache
    "web": frozenset({"content", "markdown", "shared"}),  # RENDER: the app and its views
    "speed": frozenset({"content", "markdown", "shared"}),  # the speed-ups, plugged in by build/
    "build": frozenset({"speed", "web", "content", "markdown", "shared"}),  # WRITE
    "importers": frozenset({"content", "markdown", "shared"}),  # another tool's site in, a content folder out
    # an editor's tools (the dashboard's content manager, `new page`, `list`): list, check and preview a change
    "editing": frozenset({"build", "speed", "web", "content", "markdown", "shared"}),
    "cli": frozenset({"editing", "importers", "build", "speed", "web", "content", "markdown", "shared"}),
    "front door": frozenset({"web"}),
}
FOLDERS = ("markdown", "content", "web", "speed", "build", "importers", "editing")
# Reading knows no web framework: content and Markdown can be loaded, tested and cached without an app.
WEB_LIBRARIES = ("flask", "flask_frozen", "werkzeug", "jinja2")
WITHOUT_WEB = ("content", "markdown", "shared", "importers")

# Imports inside a function, each kept on purpose with its reason: (file under site/, module) -> why. Any other
# import in a function body fails, since it is how a cycle gets dodged instead of a helper moved.
LAZY_IMPORTS: dict[tuple[str, str], str] = {
    ("__init__.py", "herald_site.web.app"): "Flask loads with the app: a build with nothing to do never needs it",
    ("cli.py", "herald_site.build.live_serving"): "Flask loads for `serve` only, not for every command",
    ("cli.py", "werkzeug.serving"): "Werkzeug's server loads for `serve` and `demo` only",
    ("cli.py", "herald_site.build.built_site_server"): "Werkzeug's server loads for `demo` only",
    ("build/pipeline.py", "herald_site.build.freeze"): "Flask and Frozen-Flask load once a build has pages to write",
    ("build/pipeline.py", "herald_site.web.app"): "Flask loads once a build has pages to write",
    ("build/pipeline.py", "herald_site.web.views.videos"): "Flask loads once a build has pages to write (as above)",
    ("build/pipeline.py", "herald_site.build.service_comments"): "Flask loads once a build has comments to bake",
    ("markdown/__init__.py", "markdown"): "Python-Markdown loads when a text needs rendering, not on a cached rebuild",
    ("markdown/__init__.py", "herald_site.markdown.inline_skipping"): "it loads Python-Markdown (as above)",
    ("markdown/__init__.py", "herald_site.markdown.table_alignment"): "it loads Python-Markdown (as above)",
    ("markdown/__init__.py", "herald_site.markdown.video_embeds"): "it loads Python-Markdown (as above)",
    ("markdown/__init__.py", "pygments.formatters"): "Pygments' formatter loads when the stylesheet is served",
    ("markdown/__init__.py", "pygments.token"): "with the formatter, for the plain-text colour of each style",
    ("web/views/feeds/feed.py", "feedgen.feed"): "feedgen (with lxml) loads when a feed is rendered",
    ("web/views/icons/__init__.py", "herald_site.web.views.icons.drawing"): "Pillow loads when an icon is drawn",
    ("web/cover_images.py", "PIL"): "Pillow loads when a raster cover's size is read, not for SVG covers",
    ("web/views/icons/drawing.py", "cairosvg"): "cairo loads for an SVG icon only, and may be missing",
    ("css_colours.py", "PIL"): "Pillow loads for a colour a site's theme gives by name only",
    ("content/liquid_site.py", "herald_site.content.liquid_tags"): "python-liquid loads for Liquid to render only",
}

# Imports under `if TYPE_CHECKING:` never run, but they still tie layers together; those that name a higher
# layer's type are listed with their reason.
TYPE_ONLY_CROSSINGS: dict[tuple[str, str], str] = {
    ("errors.py", "herald_site.content.model"): "BuildError carries the content's warnings (Problems) to build.py",
    ("urls.py", "herald_site.content.model"): "a URL shape lists its URLs from the content index it is given",
    ("url_languages.py", "herald_site.content.model"): "each language's URLs come from its lists in the index",
}


@dataclass(frozen=True)
class Import:
    file: str  # under site/
    line: int
    module: str  # absolute, e.g. herald_site.content.model
    in_function: bool
    type_only: bool

    def __str__(self) -> str:
        return f"site/{self.file}:{self.line}: import of {self.module}"


def layer_of_file(relative: Path) -> str:
    if relative.parts[0] in FOLDERS:
        return relative.parts[0]
    return {"__init__.py": "front door", "cli.py": "cli"}.get(relative.name, "shared")


def layer_of_module(module: str) -> str | None:
    """The layer of a herald_site module, or None for another package (the front door for herald_site itself)."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    if len(parts) == 1:
        return "front door"
    return parts[1] if parts[1] in FOLDERS else {"cli": "cli"}.get(parts[1], "shared")


def module_name(relative: Path) -> str:
    parts = [PACKAGE, *relative.with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(path: Path, root: Path = SITE) -> Iterator[Import]:
    """Every import in the file under `root`, with whether it runs in a function or only for type checkers."""
    relative = path.relative_to(root)
    here = module_name(relative)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]

    def visit(node: ast.AST, in_function: bool, type_only: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield Import(str(relative), child.lineno, alias.name, in_function, type_only)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:  # a relative import, resolved against this module's package
                    anchor = package.rsplit(".", child.level - 1)[0] if child.level > 1 else package
                    base = f"{anchor}.{base}" if base else anchor
                for module in dict.fromkeys(submodule_or(base, alias.name) for alias in child.names):
                    yield Import(str(relative), child.lineno, module, in_function, type_only)
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                yield from visit(child, True, type_only)
            elif isinstance(child, ast.If) and is_type_checking(child):
                for statement in child.body:
                    yield from visit(ast.Module(body=[statement], type_ignores=[]), in_function, True)
                for statement in child.orelse:
                    yield from visit(ast.Module(body=[statement], type_ignores=[]), in_function, type_only)
            else:
                yield from visit(child, in_function, type_only)

    yield from visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), False, False)


def submodule_or(base: str, name: str) -> str:
    """`from base import name` names the submodule base.name when there is one, else a name in base."""
    if base == PACKAGE or base.startswith(f"{PACKAGE}."):
        folder = SITE.joinpath(*base.split(".")[1:], name)
        if folder.with_suffix(".py").is_file() or (folder / "__init__.py").is_file():
            return f"{base}.{name}"
    return base


def all_imports() -> list[Import]:
    return [found for path in sorted(SITE.rglob("*.py")) for found in imports_of(path)]


def crossing(found: Import) -> str | None:
    """Why `found` crosses the layers, or None when it may import what it imports."""
    target = layer_of_module(found.module)
    if target is None:
        return None
    source = layer_of_file(Path(found.file))
    if target == source and target not in ("front door", "cli"):
        return None
    if target in ALLOWED[source]:
        return None
    if found.type_only and (found.file, found.module) in TYPE_ONLY_CROSSINGS:
        return None
    allowed = ", ".join(sorted(ALLOWED[source])) or "nothing of herald_site"
    return f"{found}: the {source} layer may import only {allowed} (not {target})"


def test_the_layers_see_every_module() -> None:
    """A sanity check of the reading itself: the known imports of a few modules are found, layered rightly."""
    imports = all_imports()
    modules = {(found.file, found.module) for found in imports}
    assert ("content/walk.py", "herald_site.confined") in modules
    assert ("build/catalog_freezer.py", "herald_site.web.url_catalog") in modules
    assert ("speed/cache.py", "herald_site.markdown") in modules  # `from herald_site import markdown`
    assert {layer_of_file(path.relative_to(SITE)) for path in SITE.rglob("*.py")} == set(ALLOWED)


def test_no_module_imports_a_layer_above_its_own() -> None:
    crossings = [why for found in all_imports() if (why := crossing(found)) is not None]
    assert not crossings, "\n".join(crossings)


def test_reading_imports_no_web_framework() -> None:
    found = [
        f"{item}: the {layer_of_file(Path(item.file))} layer knows no web framework"
        for item in all_imports()
        if layer_of_file(Path(item.file)) in WITHOUT_WEB and item.module.split(".")[0] in WEB_LIBRARIES
    ]
    assert not found, "\n".join(found)


def test_imports_inside_functions_are_only_the_listed_lazy_ones() -> None:
    unlisted = [
        f"{found} inside a function: move it to the top, or if it only delays loading a library, list it in "
        "LAZY_IMPORTS with its reason"
        for found in all_imports()
        if found.in_function and (found.file, found.module) not in LAZY_IMPORTS
    ]
    assert not unlisted, "\n".join(unlisted)


def test_every_listed_exception_is_still_needed() -> None:
    imports = all_imports()
    lazy = {(found.file, found.module) for found in imports if found.in_function}
    type_only = {(found.file, found.module) for found in imports if found.type_only}
    stale = [f"{key} in LAZY_IMPORTS" for key in LAZY_IMPORTS if key not in lazy]
    stale += [f"{key} in TYPE_ONLY_CROSSINGS" for key in TYPE_ONLY_CROSSINGS if key not in type_only]
    assert not stale, "listed but no longer there; remove:\n" + "\n".join(stale)


@pytest.mark.parametrize(
    ("file", "module", "layer"),
    [
        ("content/checks.py", "herald_site.web.served_index", "web"),
        ("web/views/blog.py", "herald_site.build.pipeline", "build"),
        ("content/documents.py", "herald_site.speed.card_digests", "speed"),
        ("markdown/__init__.py", "herald_site.content.model", "content"),
        ("web/app.py", "herald_site", "front door"),
        ("errors.py", "herald_site.build.report", "build"),
    ],
)
def test_a_crossing_is_reported_with_its_file_and_line(file: str, module: str, layer: str) -> None:
    why = crossing(Import(file, 7, module, in_function=False, type_only=False))
    assert why is not None and why.startswith(f"site/{file}:7: import of {module}") and f"(not {layer})" in why


def test_an_import_in_a_function_is_found(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "late.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from herald_site.web.app import create_app\n"
        "def load():\n    from herald_site.speed.cache import BuildCache\n    return BuildCache\n"
    )
    found = list(imports_of(tmp_path / "content" / "late.py", root=tmp_path))
    late = next(item for item in found if item.module == "herald_site.speed.cache")
    typed = next(item for item in found if item.module == "herald_site.web.app")
    assert (late.line, late.in_function, late.type_only) == (5, True, False)
    assert (typed.line, typed.in_function, typed.type_only) == (3, False, True)
