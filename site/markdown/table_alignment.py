"""Table cells aligned by a class instead of the `align` attribute, which HTML no longer allows.

Python-Markdown's tables extension marks a column's alignment (`:---`, `:---:`, `---:`) either with
`align="..."`, obsolete since HTML5 (the Nu HTML Checker reports each one), or with `style="text-align: ..."`,
which the site's Content-Security-Policy forbids. This pass, a treeprocessor (Python-Markdown's public hook on
the parsed document), moves each cell's `align` into a class (`align-left`, `align-center`, `align-right`) that
the theme styles (site/web/static/theme.css).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from herald_site.markdown import ALIGNMENT_CLASS

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from markdown import Markdown

ALIGNMENTS = frozenset({"left", "center", "right"})
CELLS = ("th", "td")


class AlignmentClasses(Treeprocessor):
    """Replace `align` on every table cell with the class that stands for it."""

    def run(self, root: Element) -> None:
        for tag in CELLS:
            for cell in root.iter(tag):
                alignment = cell.attrib.pop("align", None)
                if alignment in ALIGNMENTS:
                    classes = [*cell.get("class", "").split(), ALIGNMENT_CLASS.format(alignment)]
                    cell.set("class", " ".join(classes))


class TableAlignmentClasses(Extension):
    """Registers `AlignmentClasses` to run once the tables are parsed, before the HTML is written."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802  (Python-Markdown's name)
        md.treeprocessors.register(AlignmentClasses(md), "table_alignment_classes", 1)
