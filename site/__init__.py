"""Herald's static side, in three phases: `content` reads, `web` renders, `build` writes (`speed` makes it fast).

The front door: `create_app` is what build.py and the tests start from.
"""

from herald_site.web.app import create_app

__all__ = ["create_app"]
