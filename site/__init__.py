"""Herald's static side, in phases: `content` reads, `markdown` renders a text, `web` renders the pages and
`build` writes them (`speed` holds what makes a build fast). The layers a module may import are listed in
tests/test_layers.py.

The front door: `create_app` is what build.py and the tests start from. It is imported on first use: Flask
loads with the app, and a build with nothing to do never needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from herald_site.web.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from herald_site.web.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
