"""schemathesis generates requests from the service's own OpenAPI document and checks every answer against it:
no 5xx, every response conforms to its schema, every status code and content type is documented.

Runs in-process (WSGI) on SQLite and on PostgreSQL, with a bounded number of examples per operation, valid
and invalid ones. The operations are driven here rather than through schemathesis' pytest plugin, whose lazy
fixture loading does not work with pytest 9.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.service.conftest import ADMIN_TOKEN

EXAMPLES_PER_OPERATION = 25
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# A JSON client's headers (with the admin token, so admin operations get past the door). Browsers posting plain
# forms are answered with HTML error pages instead; the last test holds the document to that.
JSON_CLIENT = {"Authorization": f"Bearer {ADMIN_TOKEN}", "Accept": "application/json"}
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def exercise(operation, counter: list[int]) -> None:
    """Run one operation's examples; raises (after Hypothesis shrinks it) on the first broken answer."""
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))

    @given(case=cases)
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    def check(case) -> None:
        counter[0] += 1
        case.call_and_validate(headers=JSON_CLIENT, checks=CHECKS)

    check()


def test_the_service_keeps_its_openapi_contract(app):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    counter = [0]
    failures = {}
    for operation in operations:
        try:
            exercise(operation, counter)
        except (Exception, BaseExceptionGroup) as error:  # every operation's failure, not just the first
            failures[f"{operation.method.upper()} {operation.path}"] = f"{type(error).__name__}: {error}"
    print(f"\nschemathesis: {counter[0]} examples over {len(operations)} operations")
    assert not failures, "\n\n".join(f"{name}\n{message}" for name, message in failures.items())


def test_html_error_pages_for_form_posts_are_documented(client):
    """A browser's form post refused with 400 gets an HTML page (service/errors.py); the document must say so."""
    answer = client.post("/api/comments", data={"page": "/p/", "body": ""}, headers={"Accept": BROWSER_ACCEPT})
    assert answer.status_code == 400 and answer.mimetype == "text/html"
    document = client.get("/api/openapi.json").get_json()
    undocumented = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            forms = "application/x-www-form-urlencoded" in operation.get("requestBody", {}).get("content", {})
            refusal = operation.get("responses", {}).get("400", {})
            if "$ref" in refusal:
                refusal = document["components"]["responses"][refusal["$ref"].rsplit("/", 1)[1]]
            if forms and "text/html" not in refusal.get("content", {}):
                undocumented.append(f"{method.upper()} {path}")
    assert not undocumented, f"400 answers text/html to form posts, but the document does not say so: {undocumented}"
