"""The stylesheet of a site's colours and fonts (site.yml's `theme:`, read by `herald_site.content.theme_settings`).

It only sets the custom properties Herald's theme.css is written in, and is linked after it on every page (a
file rather than a <style> block, which the Content-Security-Policy forbids). Each scheme's colours apply on
screens in that scheme only: a light background must not stay under the dark scheme's light text, and a
printed page keeps theme.css's black on white.
"""

from __future__ import annotations

import functools

from herald_site.content.theme_settings import SiteTheme

LIGHT_SCREENS = "screen and (prefers-color-scheme: light)"
DARK_SCREENS = "screen and (prefers-color-scheme: dark)"


@functools.lru_cache(maxsize=16)
def theme_stylesheet(theme: SiteTheme) -> str:
    """The CSS setting `theme`'s properties on :root: the fonts everywhere, each scheme's colours on its screens."""
    blocks = ["/* The site's colours and fonts, from site.yml's `theme:`; Herald's theme.css reads them. */"]
    for media, properties in ((None, theme.fonts), (LIGHT_SCREENS, theme.colors), (DARK_SCREENS, theme.dark)):
        if properties:
            indent = "" if media is None else "  "
            rule = [f"{indent}:root {{", *(f"{indent}  --{name}: {value};" for name, value in properties), f"{indent}}}"]
            blocks.append("\n".join(rule if media is None else [f"@media {media} {{", *rule, "}"]))
    return "\n".join(blocks) + "\n"
