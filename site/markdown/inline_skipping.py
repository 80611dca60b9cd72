"""Python-Markdown's inline passes, without the searches that cannot find anything.

Python-Markdown tries each inline pattern (code, links, emphasis, entities, and with smarty fifteen kinds of
quote, dashes and ellipses) on every piece of text, one after another: about thirty regular expression
searches for each paragraph, list item and link text, and most of the time a post takes to render. Each
pattern needs some text to match at all (a link a "[", a dash "--", a smart quote a quote), and most texts
have none of it. These passes skip a pattern when its text is missing from the string and otherwise run it
exactly as Python-Markdown does, so the HTML is the same (tests/site/test_inline_skipping.py compares them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from markdown import util
from markdown.extensions import Extension
from markdown.inlinepatterns import Pattern
from markdown.treeprocessors import InlineProcessor

if TYPE_CHECKING:
    from markdown import Markdown

# Text a pattern's match must contain (any one of them), by the name Python-Markdown or its extension
# registers the pattern under. A pattern not named here is always tried.
SINGLE, DOUBLE = ("'",), ('"',)
SMARTY_QUOTES = (SINGLE, DOUBLE, ("\"'",), ("'\"",), ("'\"",), ("\"'",), SINGLE, SINGLE, SINGLE, SINGLE, SINGLE,
                 DOUBLE, DOUBLE, DOUBLE, DOUBLE)
NEEDLES: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "footnote": ("[^",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "not_strong": ("*", "_"),
    "em_strong": ("*", "_"),
    "em_strong2": ("_",),
    "smarty-em-dashes": ("---",),
    "smarty-en-dashes": ("--",),
    "smarty-ellipses": ("...",),
    # smarty's quote patterns, in the order its educateQuotes registers them
    **{f"smarty-quotes-{number}": needles for number, needles in enumerate(SMARTY_QUOTES)},
}
# Python-Markdown's inline tree processors, with the priorities it registers them at.
INLINE_PASSES = {"inline": 20, "smarty": 6}
# The private methods of InlineProcessor this pass stands on; without them Python-Markdown runs as it is.
_HANDLE_INLINE = "_InlineProcessor__handleInline"
_APPLY_PATTERN = "_InlineProcessor__applyPattern"


def can_skip() -> bool:
    """Whether this Python-Markdown has the inline loop these passes replace (3.x does)."""
    return hasattr(InlineProcessor, _HANDLE_INLINE) and hasattr(InlineProcessor, _APPLY_PATTERN)


class SkippingInlineProcessor(InlineProcessor):
    """An InlineProcessor that tries a pattern only on text holding one of the pattern's NEEDLES."""

    def __init__(self, md: Markdown, patterns: util.Registry[Pattern]) -> None:
        """`patterns` must be complete: each pattern's needles are looked up once, here, not per document."""
        super().__init__(md)
        self.inlinePatterns = patterns
        needles = {id(patterns[name]): NEEDLES[name] for name in NEEDLES if name in patterns}
        self._guarded: Sequence[tuple[Pattern, tuple[str, ...] | None]] = [
            (pattern, needles.get(id(pattern))) for pattern in patterns
        ]

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802,N803
        """Python-Markdown's loop (each pattern in turn, again at the same place after each match), skipping
        a pattern whose needles are all missing from the text, which is what it finding no match would do."""
        if isinstance(data, util.AtomicString):
            return data
        apply_pattern = getattr(self, _APPLY_PATTERN)
        guarded, count, start = self._guarded, len(self._guarded), 0
        while patternIndex < count:
            pattern, needles = guarded[patternIndex]
            if needles is not None:  # inline, not a function: this runs for every pattern and every text
                for needle in needles:
                    if needle in data:
                        break
                else:  # none there: the pattern cannot match
                    patternIndex, start = patternIndex + 1, 0
                    continue
            data, matched, start = apply_pattern(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class SkipUnmatchableInline(Extension):
    """Put SkippingInlineProcessors in place of the inline passes; list it after every other extension."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        if not can_skip():
            return
        for name, priority in INLINE_PASSES.items():
            if name in md.treeprocessors:
                stock = md.treeprocessors[name]
                md.treeprocessors.register(SkippingInlineProcessor(md, stock.inlinePatterns), name, priority)
