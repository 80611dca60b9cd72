"""The Liquid of an imported Jekyll document: kept where Herald renders it, taken out (and reported at its line)
where it cannot.

Herald renders Liquid's standard tags and filters, `site.*` from site.yml, `page.*` from the frontmatter, `raw`,
`highlight`, `link`, `post_url`, Jekyll's `include` and `relative_url`/`absolute_url`
(`herald_site.content.liquid_tags`). So a document keeps its Liquid except: a tag Herald does not know (a plugin's
`{% gist %}`, `{% include_relative %}`), with its block; a filter it does not know (`jsonify`, `where`); a
variable it has no value for (`site.data`, `site.posts`, `paginator`, a `page.` key the frontmatter lacks), with
the loop or block it opens; and a block never closed. Those are cut out whole, so nothing half-rendered or
unrendered reaches a page, each with a line of the report. `{% link %}` and `{% post_url %}` are pointed at
where the documents now live, and the includes the text uses are collected, to be carried over.

The text is read with Herald's own Liquid environment (parsed, never rendered), so "what Herald renders" is
what its build renders, not a second list kept here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from liquid.exceptions import LiquidError

from herald_site.content.liquid_tags import HIGHLIGHT_OPTION_WRITTEN, HeraldLiquid, highlight_options

_MARKUP = re.compile(
    r"(?P<raw>\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\})"
    r"|(?P<comment>\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\})"
    r"|(?P<output>\{\{.*?\}\})"
    r"|(?P<tag>\{%-?\s*(?P<name>#|\w+)(?P<arguments>.*?)-?%\})",
    re.DOTALL,
)
_BLOCKS = frozenset({"for", "if", "unless", "case", "capture", "tablerow", "highlight", "ifchanged"})
_INNER = frozenset({"else", "elsif", "when"})
_PARAMETER = re.compile(r"[\w-]+\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"']+)")
_CONDITIONS = frozenset({"if", "elsif", "unless", "when", "case"})  # an undefined value there is only false
_JEKYLL_ONLY = {  # what Jekyll's `site` holds that no site.yml value gives
    "data": "Herald has no site.data (the _data files are not carried over)",
    "posts": "Herald has no site.posts in documents (its home, archive and tag pages list the posts)",
    "pages": "Herald has no site.pages in documents", "collections": "Herald has no site.collections",
    "categories": "Herald has no site.categories in documents (its category pages list them)",
    "tags": "Herald has no site.tags in documents (its tag pages list them)",
    "static_files": "Herald has no site.static_files", "documents": "Herald has no site.documents",
    "time": "Herald has no site.time", "github": "site.github comes from a plugin Herald does not run",
}


@dataclass(frozen=True)
class LiquidTargets:
    """Where the imported site's documents and files are now, for the tags that name them."""

    site: Mapping[str, Any]  # site.yml's values as Herald's Liquid sees them
    document: Callable[[str], str | None]  # a Jekyll path (`_guides/herons.md`) -> its path in content/
    post_stems: frozenset[str]  # the imported posts' file names without their suffix
    addresses: Mapping[str, str]  # other files that answer, by their Jekyll path: static files, the home page
    includes: frozenset[str]  # the files of the old site's _includes/, by their path there


@dataclass
class ConvertedLiquid:
    text: str
    includes: list[str] = field(default_factory=list)  # the includes the text names, in order
    left_behind: list[tuple[int, str]] = field(default_factory=list)  # (line in the file, why)
    readable: bool = True  # False: Herald's Liquid cannot read what is left, so Liquid is switched off


@dataclass(frozen=True)
class _Markup:
    start: int
    end: int
    kind: str  # "tag", "output", "raw" or "comment"
    name: str = ""
    arguments: str = ""
    block_end: int = -1  # for an opening tag: where its closing tag ends


class _ParseOnly:
    """The site a parse needs none of: the importer reads Liquid, it never renders it."""

    base_url = site_url = ""

    def document_url(self, path: str) -> str:
        raise LiquidError("not rendered", token=None)

    post_url = include_source = document_url  # type: ignore[assignment]


ENVIRONMENT = HeraldLiquid(_ParseOnly())


def convert_liquid(text: str, first_line: int, targets: LiquidTargets,
                   page: Mapping[str, Any] | None) -> ConvertedLiquid:
    """`text` (starting at `first_line` of its file) with what Herald cannot render cut out and its links pointed
    at the imported documents; `page` is the document's frontmatter as Herald gives it (None for an include,
    which is rendered for several documents)."""
    return _Conversion(text, first_line, targets, page).run()


class _Conversion:
    def __init__(self, text: str, first_line: int, targets: LiquidTargets, page: Mapping[str, Any] | None) -> None:
        self.text, self.first_line, self.targets, self.page = text, first_line, targets, page
        self.working = text  # the text with each cut blanked out (newlines kept), so indices stay the same
        self.cuts: dict[tuple[int, int], str] = {}
        self.rewrites: dict[tuple[int, int], str] = {}
        self.result = ConvertedLiquid(text)

    def run(self) -> ConvertedLiquid:
        markups = self.markups()
        for markup in markups:
            if markup.kind == "tag":
                self.check_tag(markup, markups)
        for _ in range(len(markups) + 1):
            if not self.check_parsed(markups):
                break
        self.result.text = self.edited()
        self.result.left_behind.sort()
        return self.result

    def markups(self) -> list[_Markup]:
        """Every `{{ }}`, `{% %}`, raw and comment of the working text, each opening tag knowing its block's end."""
        found = [_Markup(match.start(), match.end(), match.lastgroup or "", match.group("name") or "",
                         match.group("arguments") or "") for match in _MARKUP.finditer(self.working)]
        closing: dict[int, int] = {}
        open_blocks: list[tuple[str, int]] = []
        names = {markup.name for markup in found if markup.kind == "tag"}
        for index, markup in enumerate(found):
            if markup.kind != "tag":
                continue
            if markup.name in _BLOCKS or (markup.name not in ENVIRONMENT.tags and f"end{markup.name}" in names):
                open_blocks.append((markup.name, index))
            elif markup.name.startswith("end") and open_blocks and open_blocks[-1][0] == markup.name[3:]:
                closing[open_blocks.pop()[1]] = markup.end
        return [_Markup(m.start, m.end, m.kind, m.name, m.arguments, closing.get(index, -1))
                for index, m in enumerate(found)]

    def line(self, index: int) -> int:
        return self.first_line + self.text.count("\n", 0, index)

    def cut(self, start: int, end: int, why: str) -> None:
        if any(start >= cut_start and end <= cut_end for cut_start, cut_end in self.cuts):
            return  # inside a block already cut
        self.cuts = {span: reason for span, reason in self.cuts.items() if not (span[0] >= start and span[1] <= end)}
        self.cuts[(start, end)] = why
        self.working = self.working[:start] + re.sub(r"[^\n]", " ", self.working[start:end]) + self.working[end:]

    def cut_markup(self, markup: _Markup, why: str) -> None:
        """Cut a tag or output, with the whole block when it opens one."""
        end = markup.block_end if markup.block_end > 0 else markup.end
        shown = " ".join(self.text[markup.start:markup.end].split())
        self.cut(markup.start, end, f"`{shown}`{' and its block' if end != markup.end else ''} was left out: {why}")

    def check_tag(self, markup: _Markup, markups: list[_Markup]) -> None:
        name, arguments = markup.name, markup.arguments.strip()
        if name in _BLOCKS and markup.block_end < 0:
            self.cut_markup(markup, f"the `{name}` block is never closed")
        elif name.startswith("end") and not any(other.block_end == markup.end for other in markups):
            if name[3:] in _BLOCKS or name[3:] in ENVIRONMENT.tags:
                self.cut_markup(markup, "it closes no block")
        elif name not in ENVIRONMENT.tags and name not in _BLOCKS and name not in _INNER and not name.startswith("end"):
            self.cut_markup(markup, f"`{name}` is a tag of Jekyll or a plugin that Herald does not render")
        elif name == "link":
            self.link(markup, arguments)
        elif name == "post_url":
            self.post_url(markup, arguments)
        elif name == "include":
            self.include(markup, arguments)
        elif name == "highlight":
            self.highlight(markup)

    def rewrite(self, markup: _Markup, new: str) -> None:
        self.rewrites[(markup.start, markup.end)] = new

    def link(self, markup: _Markup, target: str) -> None:
        if "{{" in target:
            self.cut_markup(markup, "a link made from a variable; write the file's path out")
            return
        found = self.targets.document(target.strip("/"))
        if found is not None:
            self.rewrite(markup, f"{{% link {found} %}}")
        elif (address := self.targets.addresses.get(target.strip("/"))) is not None:
            self.rewrite(markup, f'{{{{ "{address}" | relative_url }}}}')
        else:
            self.cut_markup(markup, f"it links to {target}, which was not imported")

    def post_url(self, markup: _Markup, name: str) -> None:
        stem = name.strip("/").rsplit("/", 1)[-1]
        if stem in self.targets.post_stems:
            if stem != name:
                self.rewrite(markup, f"{{% post_url {stem} %}}")
        else:
            self.cut_markup(markup, f"there is no published post {name} to link to")

    def include(self, markup: _Markup, arguments: str) -> None:
        name = arguments.split()[0].strip("'\"") if arguments else ""
        if not name or "{{" in name:
            self.cut_markup(markup, "an include whose name is made from a variable; Herald needs it written out")
        elif name not in self.targets.includes:
            self.cut_markup(markup, f"there is no _includes/{name} to include")
        elif (why := self.parameters_unknown(arguments.split(None, 1)[1:])) is not None:
            self.cut_markup(markup, why)
        elif name not in self.result.includes:
            self.result.includes.append(name)

    def parameters_unknown(self, rest: list[str]) -> str | None:
        """Why an include's parameters cannot be worked out, or None. Jekyll works out `{{ }}` inside a quoted
        value; Herald's include takes it as text. A value from site.* or page.* must have one."""
        for value in _PARAMETER.findall(rest[0] if rest else ""):
            if value[:1] in "\"'":
                if "{{" in value or "{%" in value:
                    return f"the include's parameter {value} has Liquid inside quotes, which Herald shows as text"
                continue
            try:
                analysis = ENVIRONMENT.from_string(f"{{{{ {value} }}}}").analyze()
            except LiquidError as error:
                return f"the include's parameter {value} is not Liquid Herald can read ({error.message})"
            for variable in (*analysis.globals.get("site", ()), *analysis.globals.get("page", ())):
                if (why := self.unknown(variable.segments)) is not None:
                    return why
        return None

    def highlight(self, markup: _Markup) -> None:
        language, *written = markup.arguments.split(None, 1) or ["text"]
        refused = highlight_options("".join(written))[1]
        if refused:
            dropped = [option for option, _ in refused]
            kept = [option for option in HIGHLIGHT_OPTION_WRITTEN.findall("".join(written)) if option not in dropped]
            new = f"{{% highlight {' '.join([language, *kept])} %}}"
            self.rewrite(markup, new)
            padded = new[:-2].ljust(markup.end - markup.start - 2) + "%}"  # the indices of the text stay the same
            self.working = self.working[:markup.start] + padded + self.working[markup.end:]
            self.result.left_behind.append(
                (self.line(markup.start), f"the highlight option {' '.join(dropped)} was dropped; {refused[0][1]}"))

    def check_parsed(self, markups: list[_Markup]) -> bool:
        """Parse the working text with Herald's Liquid; cut what it cannot read or render. Whether it cut."""
        try:
            analysis = ENVIRONMENT.from_string(self.working).analyze()
        except LiquidError as error:
            index = error.token.start_index if error.token is not None else -1
            markup = _around(markups, index)
            if markup is None:
                self.result.readable = False
                self.result.left_behind.append((self.first_line, f"Liquid Herald cannot read ({error.message}); "
                                                                 "the document's Liquid is switched off"))
                return False
            self.cut_markup(markup, f"Liquid Herald cannot read ({error.message})")
            return True
        before = len(self.cuts)
        for name, spans in analysis.filters.items():
            why = (f"the filter `{name}` is Jekyll's or a plugin's; Herald renders Liquid's standard filters, "
                   "relative_url and absolute_url")
            for span in spans if name not in ENVIRONMENT.filters else ():
                self.cut_around(markups, span.index, why)
        for variables in analysis.globals.values():
            for variable in variables:
                markup = _around(markups, variable.span.index)
                why = self.unknown(variable.segments)
                if why and markup is not None and not (markup.kind == "tag" and markup.name in _CONDITIONS):
                    self.cut_around(markups, variable.span.index, why)
        return len(self.cuts) > before

    def cut_around(self, markups: list[_Markup], index: int, why: str) -> None:
        markup = _around(markups, index)
        if markup is not None:
            self.cut_markup(markup, why)

    def unknown(self, segments: list[Any]) -> str | None:
        """Why Herald has no value for the variable `segments`, or None when it has one."""
        root, *rest = segments
        shown = ".".join(str(part) for part in segments if isinstance(part, (str, int)))
        if root == "site":
            if rest and rest[0] in _JEKYLL_ONLY and rest[0] not in self.targets.site:
                return f"{shown}: {_JEKYLL_ONLY[rest[0]]}"
            return None if _resolves(self.targets.site, rest) else f"{shown} has no value in site.yml"
        if root == "page":
            if self.page is None:
                return None  # an include: rendered for several documents
            return None if _resolves(self.page, rest) else f"{shown} has no value in the document's frontmatter"
        if root == "include" and self.page is None:
            return None
        return f"{shown}: Herald's Liquid has no {root}"

    def edited(self) -> str:
        """The original text with the cuts made (each reported) and the rewrites of the tags that stayed."""
        edits = dict(self.rewrites)
        for (start, end), why in self.cuts.items():
            edits = {span: new for span, new in edits.items() if not (span[0] >= start and span[1] <= end)}
            edits[(start, end)] = ""
            self.result.left_behind.append((self.line(start), why))
        text = self.text
        for (start, end), new in sorted(edits.items(), reverse=True):
            text = text[:start] + new + text[end:]
        return text


def _around(markups: list[_Markup], index: int) -> _Markup | None:
    """The markup holding text index `index`; a tag inside a block (`else`, `endfor`) stands for its block."""
    holding = next((markup for markup in markups if markup.start <= index < markup.end), None)
    if holding is None or holding.block_end > 0 or holding.kind != "tag":
        return holding
    if holding.name in _INNER or holding.name.startswith("end"):
        return max((markup for markup in markups if markup.start < index < markup.block_end),
                   key=lambda markup: markup.start, default=holding)
    return holding


def _resolves(values: Any, path: list[Any]) -> bool:
    """Whether `path` (keys and indexes; a part computed from another variable counts as found) leads to a value."""
    for part in path:
        if isinstance(part, str) and isinstance(values, Mapping) and part in values:
            values = values[part]
        elif isinstance(part, str) and part in ("size", "first", "last") and isinstance(values, (list, str)):
            return True
        elif isinstance(part, int) and isinstance(values, list) and -len(values) <= part < len(values):
            values = values[part]
        elif not isinstance(part, (str, int)):
            return True
        else:
            return False
    return True
