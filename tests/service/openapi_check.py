"""Checking a response against the service's OpenAPI document, so the document stays true to what is served.

OpenAPI 3.1 schemas are JSON Schema 2020-12: a response body is validated with jsonschema against the
operation's schema for that status, with the document's `components` alongside so `$ref`s resolve.
Works with Flask test responses and with `requests` responses alike.
"""

from __future__ import annotations

import json
import re
from typing import Any

from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from werkzeug.exceptions import HTTPException
from werkzeug.test import TestResponse

ROUTE_ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def openapi_path(rule: str) -> str:
    """A Flask rule as OpenAPI writes its path: /api/comments/<id:comment_id> -> /api/comments/{comment_id}."""
    return ROUTE_ARGUMENT.sub(r"{\1}", rule)


def assert_matches_openapi(document: dict[str, Any], method: str, path_template: str, response: Any) -> None:
    """Fail unless `document` declares this status for `method path_template`, its required headers are
    present, and a declared body schema accepts the response's body."""
    where = f"{method.upper()} {path_template}"
    operation = document["paths"].get(path_template, {}).get(method.lower())
    assert operation is not None, f"{where} is not in the OpenAPI document"
    status = str(response.status_code)
    responses = operation["responses"]
    declared = responses.get(status) or responses.get(f"{status[0]}XX") or responses.get("default")
    assert declared is not None, f"{where} answered {status}, which the document does not declare"
    declared = _resolved(document, declared)
    for name, header in declared.get("headers", {}).items():
        if header.get("required"):
            assert name in response.headers, f"{where} {status}: the document requires header {name}"
    content = declared.get("content")
    if not content:
        return
    media_type = response.headers.get("Content-Type", "").split(";")[0].strip()
    assert media_type in content, f"{where} {status}: answered {media_type!r}, documented {sorted(content)}"
    schema = content[media_type].get("schema")
    if schema is None or media_type != "application/json":
        return
    body = json.loads(_text(response))
    validator = Draft202012Validator({**schema, "components": document["components"]})
    problems = [f"{'/'.join(map(str, error.absolute_path)) or '(body)'}: {error.message}"
                for error in validator.iter_errors(body)]
    assert not problems, f"{where} {status} does not match the document:\n" + "\n".join(problems)


class DocumentedClient(FlaskClient):
    """A test client that checks every answer to a documented route against the OpenAPI document.

    So the document is kept true by the whole test suite, not only by the tests that remember to ask.
    """

    document: dict[str, Any] | None = None

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        response = super().open(*args, **kwargs)
        request = response.request
        template = self._documented_template(request.path, request.method)
        if template and request.method not in {"HEAD", "OPTIONS"}:
            assert_matches_openapi(self._document(), request.method, template, response)
        return response

    def _document(self) -> dict[str, Any]:
        if self.document is None:
            from service.openapi import build_document

            type(self).document = build_document()
        return self.document  # type: ignore[return-value]

    def _documented_template(self, path: str, method: str) -> str | None:
        adapter = self.application.url_map.bind("localhost")
        try:
            rule, _ = adapter.match(path, method=method, return_rule=True)
        except HTTPException:
            return None
        template = openapi_path(rule.rule)
        # Per method: a dashboard page may be documented for one method only (the media upload's POST answers
        # JSON; its GET is a page). test_openapi.py checks that every API route and method is documented.
        return template if method.lower() in self._document()["paths"].get(template, {}) else None


def _resolved(document: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    """Follow a local `$ref` like `#/components/responses/NotFound` to what it names."""
    while "$ref" in item:
        target: Any = document
        for part in item["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        item = target
    return item


def _text(response: Any) -> str:
    get_data = getattr(response, "get_data", None)
    return get_data(as_text=True) if get_data else response.text
