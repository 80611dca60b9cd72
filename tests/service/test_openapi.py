"""`/api/openapi.json` is a valid OpenAPI document that names every route the service has, and no other."""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate

from tests.service.openapi_check import openapi_path
from tests.service.test_dashboard_views import Dashboard

IGNORED_RULES = {"/static/<path:filename>"}
# Pages for people (the dashboard, the board without JavaScript), not part of the JSON API: documented only
# where one answers JSON when asked (the Content section's media upload).
HTML_PAGES = ("/admin", "/board/threads/")
# Who may call an operation that is no visitor's: the admin token, or a person signed in on the dashboard.
STAFF_SECURITY = ({"adminToken": []}, {"dashboardSession": []})
# The shared body parser (service/http/posted_fields.py) refuses an oversized or unknown body with 413 or 415;
# an upload (multipart) refuses its own size at its file field with a 400.
PARSED_MEDIA_TYPES = {"application/json", "application/x-www-form-urlencoded", "text/plain"}


def test_document_is_valid_openapi(client):
    document = client.get("/api/openapi.json").json
    validate(document)


def test_the_dashboard_session_is_the_cookie_the_sign_in_sets(client):
    scheme = client.get("/api/openapi.json").json["components"]["securitySchemes"]["dashboardSession"]
    assert Dashboard(client).sign_in().status_code == 303
    assert client.get_cookie(scheme["name"], path="/admin") is not None


def test_every_route_and_method_is_documented_and_nothing_else(app, client):
    document = client.get("/api/openapi.json").json
    documented = {(path, method.upper()) for path, item in document["paths"].items() for method in item
                  if method in {"get", "post", "patch", "put", "delete"}}
    served = {
        (openapi_path(rule.rule), method)
        for rule in app.url_map.iter_rules()
        if rule.rule not in IGNORED_RULES
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    api = {(path, method) for path, method in served if not path.startswith(HTML_PAGES)}
    assert api - documented == set(), "routes missing from the OpenAPI document"
    assert documented - served == set(), "documented routes the service does not have"


def test_every_operation_documents_its_errors_and_an_id(client):
    document = client.get("/api/openapi.json").json
    operation_ids = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            operation_ids.append(operation["operationId"])
            statuses = set(operation["responses"])
            assert any(status.startswith("2") for status in statuses), f"{method} {path}"
            if "requestBody" in operation:
                parsed = PARSED_MEDIA_TYPES & set(operation["requestBody"]["content"])
                expected = {"400", "413", "415"} if parsed else {"400"}
                assert expected <= statuses, f"{method} {path} takes a body but not its errors"
            if {"adminToken": []} in operation.get("security", []):
                assert {"401", "403"} <= statuses, f"{method} {path} is admin-only but omits 401/403"
            if {"dashboardSession": []} in operation.get("security", []):
                assert {"303", "403"} <= statuses, f"{method} {path} is for the dashboard but omits 303/403"
    assert len(operation_ids) == len(set(operation_ids)), "operationIds must be unique"


def test_the_suite_checks_every_answer_against_the_document(app, monkeypatch):
    """Every test's client validates answers, so a status the document forgets fails whichever test meets it."""
    import copy

    from tests.service.openapi_check import DocumentedClient

    client = app.test_client()
    assert isinstance(client, DocumentedClient)
    document = copy.deepcopy(client._document())
    del document["paths"]["/healthz"]["get"]["responses"]["200"]
    monkeypatch.setattr(DocumentedClient, "document", document)
    with pytest.raises(AssertionError, match="which the document does not declare"):
        client.get("/healthz")


def test_every_body_a_visitor_posts_may_name_its_page_language(client):
    """The site's forms send `lang` (issue 15, item 4); every public request schema says what it does."""
    document = client.get("/api/openapi.json").json
    schemas = document["components"]["schemas"]
    public_bodies = {
        f"{method} {path}": operation["requestBody"]["content"]
        for path, item in document["paths"].items() for method, operation in item.items()
        if "requestBody" in operation and not any(staff in operation.get("security", []) for staff in STAFF_SECURITY)
    }
    assert public_bodies, "the visitors' endpoints take bodies"
    for operation, content in public_bodies.items():
        for media in content.values():
            schema = schemas[media["schema"]["$ref"].rpartition("/")[2]]
            assert schema["properties"]["lang"]["type"] == "string", operation
