"""OpenAPI description of this concern's routes, merged by service/openapi.py."""

from typing import Any

PATHS: dict[str, Any] = {}
SCHEMAS: dict[str, Any] = {}
