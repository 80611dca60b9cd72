"""Every concern's tables on one metadata: what Alembic's env.py and the schema test compare the migrations with.

Each concern declares its tables in its own models.py; importing them here is what puts them on `Base.metadata`.
"""

from .admin import models as admin_models  # noqa: F401  (each import declares its concern's tables)
from .audit import models as audit_models  # noqa: F401
from .board import models as board_models  # noqa: F401
from .cms import models as cms_models  # noqa: F401
from .comments import models as comments_models  # noqa: F401
from .contact import models as contact_models  # noqa: F401
from .db import Base
from .events import models as events_models  # noqa: F401
from .people import models as people_models  # noqa: F401
from .social import models as social_models  # noqa: F401
from .cms import reviews as cms_reviews  # noqa: F401,I001  (posts waiting for review: model and store in one)

METADATA = Base.metadata
