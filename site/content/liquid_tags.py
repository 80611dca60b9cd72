"""The Jekyll tags and filters Herald renders in Liquid, on python-liquid's public extension points (`Tag`,
`Node`, `Environment.add_filter`): `highlight`, `link`, `post_url`, Jekyll's `include` (a bare file name and
`key=value` parameters read as `include.key`), `relative_url` and `absolute_url`.

What a tag needs from the site (where a document or a post lives, an include's text) it asks the environment's
`LiquidResolver`, so this module knows no files; `herald_site.content.liquid_site` implements it, and loads this
module (and python-liquid with it) only when a document has Liquid to render.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TextIO

from liquid import Environment, FalsyStrictUndefined, Tag
from liquid.ast import BlockNode, Node
from liquid.builtin.expressions import KeywordArgument, tokenize
from liquid.exceptions import LiquidError, LiquidSyntaxError, TemplateNotFoundError
from liquid.filter import with_environment
from liquid.loader import BaseLoader, TemplateSource
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG, Token

from herald_site.content.liquid_site import LiquidFailure

if TYPE_CHECKING:
    from liquid.context import RenderContext

# Python-Markdown's fenced code takes a language of these characters (its FENCED_BLOCK_RE).
_LANGUAGE = re.compile(r"[\w#.+-]+")
_BACKTICKS = re.compile(r"`+")
# A highlight tag's options as Jekyll writes them: a word, key=value or key="a quoted list".
HIGHLIGHT_OPTION_WRITTEN = re.compile(r'[\w-]+="[^"]*"|\S+')
_OPTION = re.compile(r'(?P<name>\w+)(?:="(?P<quoted>[^"]*)"|=(?P<bare>\w+))?')
_MARK_OPTIONS = ("mark_lines", "hl_lines")


class LiquidResolver(Protocol):
    """What the tags ask of the site; each raises LiquidFailure naming what is missing."""

    base_url: str  # the site's `baseurl` (a path, "" at the host's root)
    site_url: str  # the site's `url`, absolute

    def document_url(self, path: str) -> str: ...  # `{% link path %}`: a document's URL from its path in content/

    def post_url(self, name: str) -> str: ...  # `{% post_url 2024-05-03-slug %}`: a post's URL from its file name

    def include_source(self, name: str) -> tuple[str, str]: ...  # an include's text and file, from _includes/


class HeraldLiquid(Environment):
    """Liquid for editors' documents: strict (an unknown tag, filter or variable is an error, never text) and
    bounded, so that an include that includes itself or a runaway loop stops with an error."""

    context_depth_limit = 10  # includes within includes
    loop_iteration_limit = 100_000
    output_stream_limit = 4_000_000  # characters a document may grow to
    local_namespace_limit = 1_000_000
    keyword_assignment = True  # Jekyll's `{% include note.html text="..." %}`

    def __init__(self, resolver: LiquidResolver) -> None:
        super().__init__(loader=_IncludesLoader(resolver), undefined=FalsyStrictUndefined, strict_filters=True)
        self.resolver = resolver
        for tag in (HighlightTag, LinkTag, PostUrlTag, JekyllIncludeTag):
            self.add_tag(tag)
        self.add_filter("relative_url", relative_url)
        self.add_filter("absolute_url", absolute_url)


def _resolver(environment: Environment) -> LiquidResolver:
    assert isinstance(environment, HeraldLiquid)
    return environment.resolver


def _site_path(resolver: LiquidResolver, path: str) -> str:
    """A path on the site with the site's `baseurl` before it, as Jekyll's `relative_url` writes it."""
    return resolver.base_url.rstrip("/") + "/" + path.lstrip("/")


@with_environment
def relative_url(value: object, *, environment: Environment) -> str:
    """Jekyll's `relative_url`: the path with the site's `baseurl`; a full URL stays as it is."""
    text = str(value)
    return text if "://" in text else _site_path(_resolver(environment), text)


@with_environment
def absolute_url(value: object, *, environment: Environment) -> str:
    """Jekyll's `absolute_url`: the site's `url`, its `baseurl` and the path; a full URL stays as it is."""
    text = str(value)
    resolver = _resolver(environment)
    return text if "://" in text else resolver.site_url.rstrip("/") + _site_path(resolver, text)


def _argument(stream: TokenStream, tag: Token, *, block: bool = False) -> tuple[Token, str]:
    """The text after a tag's name (its expression token and that text, stripped); an error when there is none.
    A block tag steps past it to its body; the parser steps past a lone tag's last token."""
    if stream.current.kind != TOKEN_EXPRESSION:
        raise LiquidSyntaxError(f"`{tag.value}` needs an argument", token=tag)
    token = stream.current
    if block:
        next(stream)
    return token, token.value.strip()


class _TextNode(Node):
    """A tag that writes text worked out once when it is rendered (a URL)."""

    __slots__ = ("argument", "make")

    def __init__(self, token: Token, argument: str, make: str) -> None:
        super().__init__(token)
        self.argument = argument
        self.make = make

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        resolver = _resolver(context.env)
        try:
            if self.make == "post_url":
                url = resolver.post_url(self.argument)
            else:
                url = resolver.document_url(self.argument)
        except LiquidFailure as error:
            raise LiquidError(f"`{{% {self.make} {self.argument} %}}`: {error.message}", token=self.token) from error
        return buffer.write(_site_path(resolver, url))


class _UrlTag(Tag):
    """A tag that writes the URL of the document its argument names."""

    block = False

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        expression, argument = _argument(stream, token)
        return _TextNode(expression, argument, self.name)


class LinkTag(_UrlTag):
    """`{% link posts/2024-05-03-slug.md %}`: the URL of the document at that path under content/."""

    name = "link"


class PostUrlTag(_UrlTag):
    """`{% post_url 2024-05-03-slug %}`: the URL of the post of that file name (without `.md`)."""

    name = "post_url"


class _HighlightNode(Node):
    __slots__ = ("language", "options", "block")

    def __init__(self, token: Token, language: str, options: HighlightOptions, block: BlockNode) -> None:
        super().__init__(token)
        self.language, self.options, self.block = language, options, block

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        inner = io.StringIO()
        self.block.render(context, inner)
        return buffer.write(fenced_code(inner.getvalue(), self.language, self.options))

    def children(self, static_context: RenderContext, *, include_partials: bool = True) -> Iterable[Node]:
        yield self.block


def fenced_code(code: str, language: str, options: HighlightOptions) -> str:
    """A highlight block as Markdown's fenced code, so it renders exactly as the same code fenced by hand would:
    the same Pygments classes, line numbers through codehilite's `linenums`, marked lines through its
    `hl_lines`. The fence is longer than any run of backticks in the code, and stands on lines of its own wherever
    the tag stood."""
    fence = "`" * max(3, 1 + max((len(run) for run in _BACKTICKS.findall(code)), default=0))
    attributes = ['linenums="true"'] if options.line_numbers else []
    if options.marked_lines:
        attributes.append(f'hl_lines="{" ".join(map(str, options.marked_lines))}"')
    opening = f"{{.{language} {' '.join(attributes)}}}" if attributes else language
    return f"\n{fence}{opening}\n{code.strip(chr(10))}\n{fence}\n"


@dataclass(frozen=True)
class HighlightOptions:
    """What a highlight tag asks beyond its language: line numbers, and the lines to mark (counted from 1)."""

    line_numbers: bool = False
    marked_lines: tuple[int, ...] = ()


def highlight_options(written: str) -> tuple[HighlightOptions, list[tuple[str, str]]]:
    """Jekyll's options of a highlight tag (`linenos`, `mark_lines="1 3"`, and Pygments' `hl_lines`, which
    Jekyll passed on in its Pygments days) as Herald renders them, and each option it cannot render, as written
    with why. Herald marks lines as Jekyll's Rouge does, through Pygments' `hl_lines`."""
    line_numbers, marked, refused = False, [], []
    for option in HIGHLIGHT_OPTION_WRITTEN.findall(written):
        found = _OPTION.fullmatch(option)
        name = found.group("name") if found else ""
        if name == "linenos":
            line_numbers = True
        elif name in _MARK_OPTIONS:
            numbers = (found.group("quoted") or found.group("bare") or "").split() if found else []
            if numbers and all(number.isdigit() and int(number) > 0 for number in numbers):
                marked.extend(int(number) for number in numbers)
            else:
                refused.append((option, f'{name} takes line numbers in quotes, like {name}="1 3"'))
        else:
            refused.append((option, "Herald renders only linenos and mark_lines (or hl_lines)"))
    return HighlightOptions(line_numbers, tuple(sorted(set(marked)))), refused


class HighlightTag(Tag):
    """`{% highlight ruby linenos mark_lines="2 3" %} ... {% endhighlight %}`, Jekyll's code block."""

    name = "highlight"
    end = "endhighlight"

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        expression, argument = _argument(stream, token, block=True)
        language, *written = argument.split(None, 1)
        if not _LANGUAGE.fullmatch(language):
            raise LiquidSyntaxError(f"`highlight` language {language!r} is not a language name", token=expression)
        options, refused = highlight_options("".join(written))
        if refused:
            option, why = refused[0]
            raise LiquidSyntaxError(f"`highlight` option {option!r} is not one Herald renders: {why}",
                                    token=expression)
        block = get_parser(self.env).parse_block(stream, (self.end, TOKEN_EOF))
        stream.expect(TOKEN_TAG, value=self.end)
        return _HighlightNode(token, language, options, block)


class _IncludeNode(Node):
    __slots__ = ("name", "arguments")

    def __init__(self, token: Token, name: str, arguments: list[KeywordArgument]) -> None:
        super().__init__(token)
        self.name, self.arguments = name, arguments

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        try:
            template = context.env.get_template(self.name, context=context, tag="include")
            parameters = {argument.name: argument.value.evaluate(context) for argument in self.arguments}
            with context.extend({"include": parameters}, template=template):
                template.render_with_context(context, buffer, partial=True)
        except LiquidError as error:
            raise _at_tag(error, self.token, self.name) from None
        return 1


def _at_tag(error: LiquidError, tag: Token, name: str) -> LiquidError:
    """An error met inside an include, placed at the include tag of the document, saying where in the include it
    lies (the innermost include, for an include inside an include)."""
    inside = error.token is not None and error.token.source != tag.source
    if inside and not getattr(error, "placed", False):
        where = error.context()
        line = f", line {where[0]}" if where else ""
        error.args = (f"in {name}{line}: {error.message}", *error.args[1:])
        error.placed = True  # type: ignore[attr-defined]
    error.token = tag
    return error


class JekyllIncludeTag(Tag):
    """Jekyll's `{% include note.html text="..." level=page.level %}`: a file of content/_includes/ rendered in
    place, its parameters under `include.` (Shopify's include, which takes a quoted name and `key: value`, is
    not the one Jekyll posts use)."""

    name = "include"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        expression, _ = _argument(stream, token)
        text = expression.value
        written = text.split()[0]
        if "{{" in written:
            raise LiquidSyntaxError("an include's name must be written out, not made from a variable", token=token)
        name = written.strip("'\"")  # Shopify's quoted name reads as Jekyll's bare one
        rest_at = text.index(written) + len(written)
        rest = Token(TOKEN_EXPRESSION, text[rest_at:], expression.start_index + rest_at, expression.source)
        arguments = KeywordArgument.parse(self.env, TokenStream(tokenize(rest.value, parent_token=rest)))
        return _IncludeNode(token, name, arguments)


class _IncludesLoader(BaseLoader):
    """Includes from the resolver, which keeps them to content/_includes/."""

    def __init__(self, resolver: LiquidResolver) -> None:
        self.resolver = resolver

    def get_source(self, env: Environment, template_name: str, **kwargs: object) -> TemplateSource:
        try:
            text, path = self.resolver.include_source(template_name)
        except LiquidFailure as error:
            raise TemplateNotFoundError(error.message, token=None) from error
        return TemplateSource(text, path, None)


class LiquidRenderer:
    """Renders documents' text with one `HeraldLiquid`; what fails comes out as a LiquidFailure placed at its line
    in the text (none for a problem inside an include: the include tag's line, which the message completes)."""

    def __init__(self, resolver: LiquidResolver) -> None:
        self.environment = HeraldLiquid(resolver)

    def render(self, text: str, **values: object) -> str:
        try:
            return self.environment.from_string(text).render(**values)
        except LiquidError as error:
            where = error.context()
            placed = where is not None and error.token is not None and error.token.source == text
            raise LiquidFailure(str(error.message), where[0] if placed and where else None) from error
