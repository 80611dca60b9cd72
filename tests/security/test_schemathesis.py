"""schemathesis generates requests from the service's own OpenAPI document and checks every answer against it:
no 5xx, every response conforms to its schema, every status code and content type is documented.

Runs in-process (WSGI) on SQLite and on PostgreSQL, with a bounded number of examples per operation, valid
and invalid ones. The operations are driven here rather than through schemathesis' pytest plugin, whose lazy
fixture loading does not work with pytest 9.

schemathesis keeps its strings encodable and seldom reaches a character class or the calendar's ends, so the
generation is widened here with what hostile clients send: control characters and line breaks in any text of
the query or the body, lone surrogates in JSON bodies (only a JSON escape can carry one), and the extreme
dates. The dashboard's HTML pages are not in the document; their query parameters get the same treatment.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.formats import unregister_string_format

from tests.security.conftest import routes
from tests.service.git_repositories import git, make_repositories
from tests.service.conftest import ADMIN_TOKEN

EXAMPLES_PER_OPERATION = 25
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# A JSON client's headers (with the admin token, so admin operations get past the door). Browsers posting plain
# forms are answered with HTML error pages instead; the last test holds the document to that.
JSON_CLIENT = {"Authorization": f"Bearer {ADMIN_TOKEN}", "Accept": "application/json"}
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
HOSTILE_CHARACTERS = ("\x00", "\r", "\n", "\x1b", "\x7f", "\u2028")
LONE_SURROGATES = ("\ud800", "\udfff")
EXTREME_DATES = ("0001-01-01", "0001-01-05", "1969-12-31", "2999-12-31", "9999-12-31")
DATES = st.one_of(st.sampled_from(EXTREME_DATES), st.dates().map(date.isoformat))
# The requests an outside review found answered with a 500: each is a 400 naming the field.
REVIEWED = [
    ("GET", "/api/analytics/page_views", {"query": {"to": "0001-01-05"}}, {"to"}),
    ("GET", "/api/analytics/button_press", {"query": {"to": "9999-12-31"}}, {"to"}),
    ("GET", "/api/analytics/page_views", {"query": {"from": "0001-01-01", "to": "0001-01-01"}}, {"from", "to"}),
    ("POST", "/api/comments", {"body": {"page": "/p/", "author": "Ada", "body": "\ud800"},
                               "media_type": "application/json"}, {"body"}),
    ("POST", "/api/board/threads", {"body": {"title": "\ud800", "author": "Ada", "body": "Hi"},
                                    "media_type": "application/json"}, {"title"}),
    ("POST", "/api/contact", {"body": {"name": "Ada", "email": "ada@example.org", "message": "\udfff"},
                              "media_type": "application/json"}, {"message"}),
]


@pytest.fixture
def schema(app):
    """The service's document, with dates drawn from the calendar's ends as well as from its middle."""
    schemathesis.openapi.format("date", DATES)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    finally:
        unregister_string_format("date")


def spoil(case, data: st.DataObject) -> None:
    """Mostly, put a hostile character into one generated text value of the query or the body."""
    body = case.body if isinstance(case.body, dict) else {}
    places = [(values, name) for values in (case.query or {}, body)
              for name, value in values.items() if isinstance(value, str)]
    if not places or not data.draw(st.integers(0, 2), label="spoil"):  # two cases in three
        return
    values, name = data.draw(st.sampled_from(places), label="where")
    json_text = values is body and case.media_type == "application/json"
    pool = LONE_SURROGATES if json_text and data.draw(st.booleans(), label="surrogate") else HOSTILE_CHARACTERS
    at = data.draw(st.integers(0, len(values[name])), label="at")
    values[name] = values[name][:at] + data.draw(st.sampled_from(pool), label="what") + values[name][at:]


def exercise(operation, counter: list[int]) -> None:
    """Run one operation's examples; raises (after Hypothesis shrinks it) on the first broken answer."""
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))

    @given(case=cases, data=st.data())
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    def check(case, data) -> None:
        counter[0] += 1
        spoil(case, data)
        case.call_and_validate(headers=JSON_CLIENT, checks=CHECKS)

    check()


def test_the_service_keeps_its_openapi_contract(schema):
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


@pytest.mark.parametrize("method, path, request_parts, fields", REVIEWED)
def test_the_requests_the_review_found_are_400s_naming_the_field(schema, method, path, request_parts, fields):
    case = schema[path][method].Case(**request_parts)
    response = case.call_and_validate(headers=JSON_CLIENT, checks=CHECKS)
    assert response.status_code == 400 and set(response.json()["error"]["fields"]) == fields


# The Content pages whose address names a document (the test's 1 replaced by the repository's post).
DOCUMENT_PAGES = {"content.edit_page", "content.rename_document", "content.delete_document"}
FIRST_POST_PATH = "posts/first.md"
DASHBOARD_PARAMETERS = ("next", "show", "from", "to", "path", "label", "status", "page", "per_page", "limit")
HOSTILE_TEXT = st.text(st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(HOSTILE_CHARACTERS)),
                       max_size=30)
DASHBOARD_QUERIES = st.dictionaries(st.one_of(st.sampled_from(DASHBOARD_PARAMETERS), st.text(max_size=8)),
                                    st.one_of(HOSTILE_TEXT, DATES, st.sampled_from(["/admin/", "/admin/outbox"])),
                                    max_size=4)


def test_dashboard_pages_take_any_query_without_a_server_error(make_app, tmp_path):
    """The dashboard's GET pages, signed in, with generated query parameters: a page, a redirect or a 400. The
    service manages content (a local repository), so the Content section's pages are fuzzed too; those that
    name a document name the repository's post."""
    repositories = make_repositories(tmp_path)
    repositories.push_from_other("site.yml", b"title: Test site\nurl: https://example.org\n")
    git(repositories.clone, "pull", "--quiet", "--ff-only")
    app = make_app(HERALD_CMS_BACKEND="local", HERALD_CMS_REPOSITORY=str(repositories.clone), HERALD_CMS_WORKER=False)
    client = app.test_client()
    pages = sorted({url.replace("/1", f"/{FIRST_POST_PATH}") if endpoint in DOCUMENT_PAGES else url
                    for method, url, endpoint in routes(app) if method == "GET" and url.startswith("/admin")})
    assert {"/admin/analytics", "/admin/sign-in", "/admin/content/", f"/admin/content/edit/{FIRST_POST_PATH}"} <= set(pages)
    form = client.get("/admin/sign-in").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    assert client.post("/admin/sign-in", data={"csrf_token": csrf, "token": ADMIN_TOKEN}).status_code == 303

    @given(page=st.sampled_from(pages), query=DASHBOARD_QUERIES)
    @example(page="/admin/sign-in", query={"next": "/admin/\r\nSet-Cookie: x=1"})
    @example(page="/admin/analytics", query={"to": "0001-01-05"})
    @example(page="/admin/analytics", query={"from": "9999-12-31", "to": "0001-01-01"})
    @settings(max_examples=EXAMPLES_PER_OPERATION * len(pages), deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    def check(page: str, query: dict[str, str]) -> None:
        for accept in ("text/html", "application/json"):
            with client.get(page, query_string=query, headers={"Accept": accept}) as response:  # closes a sent file
                # A sign-in link, a review or a media file made up by the test names none: "not found" is right.
                made_up = page.startswith(("/admin/link/", "/admin/content/reviews/", "/admin/content/media-file/"))
                allowed = {200, 303, 400} | ({404} if made_up else set())
                assert response.status_code in allowed, (page, query, response.status_code)
                if response.status_code == 400 and accept == "application/json":
                    assert set(response.json["error"]["fields"]) <= set(query), (page, query, response.json)

    check()


def test_html_error_pages_for_form_posts_are_documented(client):
    """A browser's form post refused with 400 gets an HTML page (service/http/error_answers.py): the document
    must say so."""
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
