"""Slugs: the part of a URL (a tag's, a post's from its file name) or of an anchor (a heading's) made from text.

A slug keeps the letters and digits of any script, lower-cased, as Hugo's do and Python-Markdown's
`slugify_unicode` (markdown.extensions.toc) does: an Arabic tag gets /tags/هواء/ (percent-encoded in links, its
folder named in UTF-8 on disk, which static hosts serve), a Greek heading the anchor #ποιότητα. Latin text keeps the
ASCII slug Herald has always made ("Café crème" -> "cafe-creme": accents dropped, letters without an ASCII form
such as "ß" too), so no URL or anchor a site already has changes. The library's `slugify_unicode` is not used as is
for that reason, and because it drops the combining marks that Indic scripts spell with.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_LATIN_END = 0x0370  # below: Basic Latin, Latin-1, Latin Extended, IPA, spacing modifiers and combining accents
_KEPT_CATEGORIES = ("L", "N", "M")  # letters, digits and numbers, combining marks: of another script, kept
_URL_SEPARATORS = re.compile(r"[^A-Za-z0-9\x80-\U0010ffff]+")  # after folding, all but letters and digits is ASCII
_ANCHOR_DROPPED = re.compile(r"[^\w\s\x80-\U0010ffff-]")  # ASCII punctuation, as the toc extension drops it


def _is_latin(char: str, decomposed: str) -> bool:
    return ord(char) < _LATIN_END or decomposed.isascii() or "LATIN" in unicodedata.name(char, "")


def folded(text: str) -> str:
    """`text` with Latin letters as their ASCII base (what Herald's slugs always took of them) and the letters,
    digits and marks of other scripts kept as they are; other characters outside ASCII dropped.

    A combining mark is kept only after a kept letter of another script, so "é" written as "e" + U+0301 stays "e".
    The result is NFC: a Korean syllable decomposed to be read comes back whole.
    """
    if text.isascii():  # most headings and names: nothing to fold
        return text
    kept: list[str] = []
    other_script = False  # whether the last letter kept was of a script other than Latin
    for char in text:
        decomposed = unicodedata.normalize("NFKD", char)
        if _is_latin(char, decomposed):
            ascii_part = decomposed.encode("ascii", "ignore").decode("ascii")
            kept.append(ascii_part)
            other_script = other_script and not ascii_part
            continue
        for part in decomposed:
            category = unicodedata.category(part)[0]
            if category in _KEPT_CATEGORIES and (category != "M" or other_script):
                kept.append(part)
                other_script = True
    return unicodedata.normalize("NFC", "".join(kept))


@functools.lru_cache(maxsize=65536)
def slugify(text: str, *, cased: bool = False) -> str:
    """A lower-case slug: "Clean Air: Now!" -> "clean-air-now", "Qualité de l'air" -> "qualite-de-l-air",
    "جودة الهواء" -> "جودة-الهواء". Text without a letter or digit gives "". `cased` keeps the letters' case, as
    Jekyll's `:title` does ("Hello World" -> "Hello-World").

    Remembered, since a site of thousands of posts slugifies its few tag names tens of thousands of times.
    """
    text = folded(text)
    return _URL_SEPARATORS.sub("-", text if cased else text.lower()).strip("-")


def heading_anchor(text: str, separator: str) -> str:
    """A heading's id, as the toc extension's `slugify` setting takes it: the extension's own rule for Latin
    ("Why? Because" -> "why-because", underscores kept) over `folded` text, so other scripts keep their letters."""
    value = _ANCHOR_DROPPED.sub("", folded(text)).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, value)
