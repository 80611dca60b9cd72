"""Hostile text for the XSS tests: what an attacker types into a comment, a name, a website or a board post.

Every payload that could run calls one of the sentinels the browser tests watch for: `alert(1)` (any dialog
fails a test), `__xss()`, `window.__xss()` or `top.__xss()` (a function the tests expose in every frame). The
list is built from families (script tags, event handlers, dangerous URL schemes in many spellings wrapped in
every Markdown and HTML link form, SVG and MathML, CSS, broken markup, attribute breakouts, Markdown tricks,
template syntax, Unicode look-alikes), so a new spelling or a new wrapper multiplies into every combination.
`TEMPLATE_RESULT` is what any template syntax here would print if something evaluated it.
"""

from __future__ import annotations

from urllib.parse import quote

CALL = "__xss()"
TOP_CALL = "top.__xss()"
TEMPLATE_RESULT = "41533"  # 41 * 1013: a number no page of the sample site shows

SCRIPT_TAGS = [
    f"<script>{CALL}</script>",
    "<script>alert(1)</script>",
    f"<SCRIPT>{TOP_CALL}</SCRIPT>",
    f"<ScRiPt>{CALL}</sCrIpT>",
    f"<script >{CALL}</script >",
    f"<script/xss>{CALL}</script>",
    f"<script\n>{CALL}</script\n>",
    f"<script\ttype=text/javascript>{CALL}</script>",
    f'<script type="module">{CALL}</script>',
    f"<script src=data:,{CALL}></script>",
    f"<script src=\"data:text/javascript,{quote(CALL)}\"></script>",
    f"<script>/*</script>*/{CALL}</script>",
    f"<<script>script>{CALL}<</script>/script>",
    f"<scr<script>ipt>{CALL}</scr</script>ipt>",
    f"</script><script>{CALL}</script>",
    f"<script>{CALL}",
    f"<script\n\n>{CALL}</script>",
    f"&lt;script&gt;{CALL}&lt;/script&gt;",
    f"&#60;script&#62;{CALL}&#60;/script&#62;",
    f"&#x3c;script&#x3e;{CALL}&#x3c;/script&#x3e;",
    f"%3Cscript%3E{CALL}%3C/script%3E",
    f"\\u003cscript\\u003e{CALL}\\u003c/script\\u003e",
    f"\\x3cscript\\x3e{CALL}\\x3c/script\\x3e",
    "<script>eval(atob('X194c3MoKQ=='))</script>",  # base64 of __xss()
    f"<script>setTimeout('{CALL}')</script>",
    f"<script>document.write('<img src=x onerror={CALL}>')</script>",
]

# (tag and what it needs to fire by itself, the event): every one fires without a click in some browser.
HANDLER_TAGS = [
    ("img src=x", "onerror"),
    ("img src=x:x", "onerror"),
    ("image src=x", "onerror"),
    ("svg", "onload"),
    ("svg/", "onload"),
    ("body", "onload"),
    ("body", "onpageshow"),
    ("details open", "ontoggle"),
    ("video src=x", "onerror"),
    ("video><source", "onerror"),
    ("audio src=x", "onerror"),
    ("input autofocus", "onfocus"),
    ("input type=image src=x", "onerror"),
    ("select autofocus", "onfocus"),
    ("textarea autofocus", "onfocus"),
    ("keygen autofocus", "onfocus"),
    ("iframe", "onload"),
    ("iframe src=x", "onload"),
    ("object data=x", "onerror"),
    ("embed src=x", "onload"),
    ("marquee", "onstart"),
    ("style", "onload"),
    ("link rel=stylesheet href=x", "onerror"),
    ("div tabindex=1 id=x autofocus", "onfocusin"),
    ("a id=x tabindex=1 autofocus", "onfocus"),
    ("div", "onpointerover"),
    ("a href=https://example.org", "onmouseover"),
    ("p", "onclick"),
    ("form><button", "onfocus"),
    ("isindex type=image src=x", "onerror"),
    ("meter", "onmouseover"),
    ("animation", "onanimationstart"),
]
HANDLERS = [f"<{tag} {event}={CALL}>" for tag, event in HANDLER_TAGS]
HANDLER_SPELLINGS = [
    f"<img src=x ONERROR={CALL}>",
    f"<IMG SRC=x OnErRoR={TOP_CALL}>",
    f'<img src=x onerror="{CALL}">',
    f"<img src=x onerror='{CALL}'>",
    f"<img src=x onerror=`{CALL}`>",
    f"<img src=x onerror  =  {CALL}>",
    f"<img/src=x/onerror={CALL}>",
    f"<img\nsrc=x\nonerror={CALL}>",
    f"<img\tsrc=x\tonerror={CALL}>",
    "<img src=x onerror=&#95;&#95;xss()>",
    "<img src=x onerror=\"&#x5f;&#x5f;xss&#x28;&#x29;\">",
    "<img src=x onerror=\\u005f\\u005fxss()>",
    "<img src=x onerror=alert(1)>",
    f"<img src=x onerror=eval('{CALL}')>",
    "<img src=x onerror=window['__x'+'ss']()>",
    f"<img src=`x` onerror={CALL}>",
    f"<img src onerror={CALL}>",
    f"<img src=x onerror={CALL}//",
]

# Ways to write a URL that runs a script: case, entities, white space and percent-encoding in the scheme.
DANGEROUS_URLS = [
    f"javascript:{CALL}",
    f"JaVaScRiPt:{TOP_CALL}",
    f"JAVASCRIPT:{CALL}",
    f" javascript:{CALL}",
    f"\tjavascript:{CALL}",
    f"java\tscript:{CALL}",
    f"java\nscript:{CALL}",
    f"java\rscript:{CALL}",
    f"javascript&#58;{CALL}",
    f"javascript&colon;{CALL}",
    f"&#106;avascript:{CALL}",
    f"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;{CALL}",
    f"&#0000106&#0000097vascript:{CALL}",
    f"java&Tab;script:{CALL}",
    f"jav&#x09;ascript:{CALL}",
    f"jav&#x0A;ascript:{CALL}",
    f"%6Aavascript:{CALL}",
    f"javascript%3A{CALL}",
    f"javascript://%0a{CALL}",
    f"javascript:/**/{CALL}",
    "javascript:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "livescript:alert(1)",
    f"data:text/html,<script>{TOP_CALL}</script>",
    "data:text/html;base64,PHNjcmlwdD50b3AuX194c3MoKTwvc2NyaXB0Pg==",  # <script>top.__xss()</script>
    f"DATA:text/html,<script>{TOP_CALL}</script>",
    f"data:image/svg+xml,<svg onload={TOP_CALL}>",
    f"data:text/javascript,{CALL}",
]
URL_WRAPPERS = [
    "[a link]({url})",
    "[a link](<{url}>)",
    '[a link]({url} "a title")',
    "![an image]({url})",
    "[a reference][ref]\n\n[ref]: {url}",
    "<{url}>",
    '<a href="{url}">a link</a>',
    "<iframe src=\"{url}\"></iframe>",
]
URL_PAYLOADS = [wrapper.format(url=url) for url in DANGEROUS_URLS for wrapper in URL_WRAPPERS]

SVG_AND_MATHML = [
    f"<svg><script>{CALL}</script></svg>",
    f"<svg><script href=data:,{CALL} />",
    f"<svg><animate onbegin={CALL} attributeName=x dur=1s>",
    f"<svg><set onbegin={CALL} attributeName=x to=1>",
    f'<svg><a xlink:href="javascript:{CALL}"><text x=20 y=20>click</text></a></svg>',
    f'<svg><a><animate attributeName=href values=javascript:{CALL} /><text x=20 y=20>click</text></a></svg>',
    f'<svg><use href="data:image/svg+xml,<svg id=x xmlns=http://www.w3.org/2000/svg>'
    f'<image href=1 onerror={TOP_CALL} /></svg>#x" />',
    f"<svg><foreignObject><iframe srcdoc='<script>{TOP_CALL}</script>'></iframe></foreignObject></svg>",
    f"<svg><style><img src=x onerror={CALL}></style></svg>",
    f"<svg></p><style><a id=\"</style><img src=1 onerror={CALL}>\">",
    f"<math><mtext><table><mglyph><style><img src=x onerror={CALL}></style></mglyph></table></mtext></math>",
    f"<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title=\"</style>"
    f"<img src onerror={CALL}>\"></style></svg></mglyph></h1></mtext></math>",
    f"<form><math><mtext></form><form><mglyph><style></math><img src onerror={CALL}>",
    f'<math><maction actiontype=statusline xlink:href="javascript:{CALL}">click</maction></math>',
    f'<math href="javascript:{CALL}"><mi>x</mi></math>',
    f"<noscript><p title=\"</noscript><img src=x onerror={CALL}>\"></noscript>",
    f"<template><img src=x onerror={CALL}></template>",
    f"<xmp><img src=x onerror={CALL}></xmp>",
    f"<noembed><img src=x onerror={CALL}></noembed>",
    f"<title><img src=x onerror={CALL}></title>",
    f"<textarea><img src=x onerror={CALL}></textarea>",
    f"<select><template><img src=x onerror={CALL}></template></select>",
    f"<svg><![CDATA[><image xlink:href=\"]]><img src=x onerror={CALL}>\"></svg>",
]

CSS = [
    f'<div style="background:url(javascript:{CALL})">styled</div>',
    f'<p style="width:expression({CALL})">styled</p>',
    '<p style="behavior:url(#default#time2)">styled</p>',
    f'<p style="-moz-binding:url(data:text/xml,{CALL})">styled</p>',
    f"<style>@import 'javascript:{CALL}';</style>",
    f"<style>*{{background:url(\"javascript:{CALL}\")}}</style>",
    f"<style>@keyframes x{{}}</style><p style=\"animation-name:x\" onanimationstart={CALL}>styled</p>",
    f"<style>body{{background:url(data:image/svg+xml,<svg onload={TOP_CALL}>)}}</style>",
    f'<link rel=stylesheet href="javascript:{CALL}">',
    f'<link rel=import href="data:text/html,<script>{TOP_CALL}</script>">',
    f"<style></style><img src=x onerror={CALL}>",
    f'<p style="background-image:url(&#106;avascript:{CALL})">styled</p>',
    f'<p style="xss:expr/**/ession({CALL})">styled</p>',
]

BROKEN_AND_NESTED = [
    f"<img src=\"x\" onerror=\"{CALL}",
    f"<img src=x onerror={CALL} ",
    f"<<img src=x onerror={CALL}>>",
    f"<a href=\"https://example.org\" <img src=x onerror={CALL}>>x</a>",
    f"<!--<img src=x onerror={CALL}>-->",
    f"<!-- --!><img src=x onerror={CALL}>-->",
    f"<!--><img src=x onerror={CALL}>-->",
    f"<![CDATA[<img src=x onerror={CALL}>]]>",
    f"<img \"\"\"><script>{CALL}</script>\">",
    f"<div><p><img/src/onerror={CALL}></p></div>",
    f"</textarea><script>{CALL}</script>",
    f"</title><script>{CALL}</script>",
    f"</style><script>{CALL}</script>",
    f"</noscript><script>{CALL}</script>",
    f"--><script>{CALL}</script>",
    f"]]><script>{CALL}</script>",
    f"<!doctype html><html><body onload={CALL}>",
    f"<b <script>{CALL}</script>0",
    f"<i>one <b>two <u>three <img src=x onerror={CALL}></b></i>",
    f"<p>an <em>open</p> <a>tag <img src=x onerror={CALL}>",
    f"<?xml version=\"1.0\"?><img src=x onerror={CALL}>",
    f"<% <img src=x onerror={CALL}> %>",
    f"<x onxss={CALL} onclick={CALL} style=display:block>unknown tag</x>",
    f"<base href=\"javascript:{CALL}//\"><a href=\"/x\">relative</a>",
    f"<meta http-equiv=\"refresh\" content=\"0;url=javascript:{CALL}\">",
    f"<form action=\"javascript:{CALL}\"><button>go</button></form>",
    f"<button formaction=\"javascript:{CALL}\">go</button>",
    f"<object data=\"javascript:{CALL}\"></object>",
    f"<embed src=\"javascript:{CALL}\">",
    f"<iframe srcdoc=\"<script>{TOP_CALL}</script>\"></iframe>",
]

ATTRIBUTE_BREAKOUTS = [
    f"\"><img src=x onerror={CALL}>",
    f"'><img src=x onerror={CALL}>",
    f"`><img src=x onerror={CALL}>",
    f"\"><script>{CALL}</script>",
    f"'><svg onload={CALL}>",
    f"\" onmouseover=\"{CALL}",
    f"' onmouseover='{CALL}",
    f"\" autofocus onfocus=\"{CALL}\" x=\"",
    f"' autofocus onfocus='{CALL}' x='",
    f"\"autofocus/onfocus={CALL}//",
    f"` autofocus onfocus=`{CALL}",
    f"\"></a><img src=x onerror={CALL}><a x=\"",
    f"</span><img src=x onerror={CALL}><span>",
    f"</strong><img src=x onerror={CALL}>",
    f"\"></time><img src=x onerror={CALL}>",
    f"javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+{CALL}//'>",
    f"'\"--></style></script><script>{CALL}</script>",
    f"\\\"><img src=x onerror={CALL}>",
]

MARKDOWN_TRICKS = [
    f"`<script>{CALL}</script>`",
    f"``<img src=x onerror={CALL}>``",
    f"```html\n<img src=x onerror={CALL}>\n<script>{CALL}</script>\n```",
    f"~~~\n</code></pre><img src=x onerror={CALL}>\n~~~",
    f"    <script>{CALL}</script>",
    f"[<img src=x onerror={CALL}>](https://example.org)",
    f"[![x](https://example.org/i.png)](javascript:{CALL})",
    f"[x](https://example.org \"a\\\" onmouseover=\\\"{CALL}\")",
    f"[x](https://example.org 'a\\' onmouseover={CALL} ')",
    f"[x](https://example.org \"\"><img src=x onerror={CALL}>\")",
    f"[x](https://example.org/\"onmouseover=\"{CALL})",
    f"[x](https://example.org/'onmouseover='{CALL})",
    f"[x]( javascript:{CALL} )",
    f"[x](javascript:{CALL} \"title\")",
    f"[x](javascript:window.onerror={CALL};throw%201)",
    f"[x](#\" onclick=\"{CALL})",
    f"[x][y]\n\n[y]: javascript:{CALL} \"title\"",
    f"[y]: javascript:{CALL}\n\n[y]",
    f"![x](https://example.org/i.png\"onerror=\"{CALL})",
    f"![x\" onerror=\"{CALL}](https://example.org/i.png)",
    f"<https://example.org/\"onmouseover=\"{CALL}>",
    f"<mailto:x@example.org?\"><img src=x onerror={CALL}>>",
    f"<x@example.org\"onmouseover=\"{CALL}>",
    f"**<img src=x onerror={CALL}>**",
    f"> <script>{CALL}</script>",
    f"* <svg onload={CALL}>",
    f"1. <details open ontoggle={CALL}>",
    f"### <img src=x onerror={CALL}>",
    f"Setext heading <img src=x onerror={CALL}>\n===",
    f"[x](javascript:{CALL})[y](javascript:{CALL})",
    f"[x](https://example.org)<img src=x onerror={CALL}>",
    f"\\<script>{CALL}\\</script>",
    f"<div markdown=1><img src=x onerror={CALL}></div>",
    "[x](data:text/html;base64,PHNjcmlwdD50b3AuX194c3MoKTwvc2NyaXB0Pg==)",
    f"[^1]\n\n[^1]: <img src=x onerror={CALL}>",
    f"*[HTML]: <img src=x onerror={CALL}>",
    f"{{: onclick=\"{CALL}\" }}\nA paragraph with attribute-list syntax",
]

TEMPLATE_INJECTION = [
    "{{41*1013}}",
    "${41*1013}",
    "#{41*1013}",
    "<%= 41*1013 %>",
    "{{ 41*1013 }}{% raw %}{{ config }}{% endraw %}",
    "[[41*1013]]",
    "@(41*1013)",
    "{{= 41*1013 }}",
    "{% print(41*1013) %}",
    f"{{{{constructor.constructor('{CALL}')()}}}}",
    f"{{{{$on.constructor('{CALL}')()}}}}",
    f"${{{CALL}}}",
    "{{ self.__init__.__globals__ }}",
    "{{ request.application.__globals__ }}",
]

UNICODE_TRICKS = [
    f"＜script＞{CALL}＜/script＞",
    f"﹤script﹥{CALL}﹤/script﹥",
    f"\u2039script\u203a{CALL}\u2039/script\u203a",
    f"<ſcript>{CALL}</ſcript>",
    f"<scrİpt>{CALL}</scrİpt>",
    f"[x](javaſcript:{CALL})",
    f"[x](java\u200bscript:{CALL})",
    f"[x](\ufeffjavascript:{CALL})",
    f"[x](\u2028javascript:{CALL})",
    f"[x](ｊａｖａｓｃｒｉｐｔ:{CALL})",
    f"\u202e<img src=x onerror={CALL}>",
    f"\ufeff<script>{CALL}</script>",
    f"<img src=x onerror=\u2028{CALL}>",
    f"%u003Cscript%u003E{CALL}%u003C/script%u003E",
    f"<script>{CALL}</script>\u0338",
    f"e\u0301<img src=x onerror={CALL}>",
    f"<img src=x onerror=\U0001d4cd{CALL}>",
    "\U0001f4a3<script>alert(1)</script>\U0001f4a3",
]

PAYLOADS: list[str] = list(dict.fromkeys([
    *SCRIPT_TAGS, *HANDLERS, *HANDLER_SPELLINGS, *URL_PAYLOADS, *SVG_AND_MATHML, *CSS, *BROKEN_AND_NESTED,
    *ATTRIBUTE_BREAKOUTS, *MARKDOWN_TRICKS, *TEMPLATE_INJECTION, *UNICODE_TRICKS,
]))

# Websites pass the service's http(s) check only when the scheme is right: these try to break out of the
# href attribute or the markup around it once accepted; the dangerous URLs above should all be refused.
WEBSITES: list[str] = list(dict.fromkeys([
    *DANGEROUS_URLS,
    f"https://example.org/\"onmouseover=\"{CALL}",
    f"https://example.org/'onmouseover='{CALL}",
    f"https://example.org/\"><img/src=x/onerror={CALL}>",
    f"https://example.org/'><svg/onload={CALL}>",
    f"https://example.org/`onmouseover=`{CALL}",
    f"https://example.org/</a><script>{CALL}</script>",
    f"https://example.org/?q=<script>{CALL}</script>",
    f"https://example.org#\"onfocus=\"{CALL}\"autofocus=\"",
    f"https://javascript:{CALL}@example.org/",
    f"http://example.org/%22%3E%3Cimg%20src=x%20onerror={CALL}%3E",
    f"https:javascript:{CALL}",
    f"https:/\\javascript:{CALL}",
    f"http://\\\\javascript:{CALL}",
    f"//example.org/{CALL}",
]))


def fit(payload: str, max_length: int) -> str:
    """The payload cut to what a field holds, so the service keeps it rather than refusing it for length."""
    return payload[:max_length]


def one_line(payload: str) -> str:
    """The payload with its line breaks as spaces, for fields (names, subjects) that refuse a second line."""
    return " ".join(payload.splitlines())
