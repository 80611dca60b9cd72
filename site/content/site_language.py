"""One of the site's languages, as site.yml's `languages:` lists it (read by herald_site.content.languages)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Direction = Literal["ltr", "rtl"]


@dataclass(frozen=True)
class Language:
    """One of the site's languages (see herald_site.content.languages): its BCP 47 code, its name as its readers
    write it ("Français"), the direction its script runs in, and whether it is the site's default."""

    code: str
    name: str
    direction: Direction = "ltr"
    default: bool = False
