"""The editorial flow with review on (HERALD_CMS_REVIEW=1), with people invited and signed in by their links:
an editor's Publish, and any save that is not a draft, waits in the database; its author cannot publish it,
another editor can, and the commit keeps the writer as author; a moderator reaches no content page."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.service.git_repositories import Repositories
from tests.service.smtp_server import smtp_server  # noqa: F401  (a fixture)
from tests.service.test_cms_views import POST, editor_form, repositories  # noqa: F401  (a fixture)
from tests.service.test_dashboard_views import Dashboard, csrf_of
from tests.service.test_people import audit_actions, follow, invited_link, signed_in_as


@pytest.fixture
def app(make_app, smtp_server, repositories: Repositories) -> Flask:  # noqa: F811
    return make_app(HERALD_CMS_BACKEND="local", HERALD_CMS_REPOSITORY=str(repositories.clone),
                    HERALD_CMS_WORKER=False, HERALD_CMS_REVIEW=True, HERALD_SMTP_URL=smtp_server.url,
                    HERALD_CONTACT_TO="team@example.org", HERALD_CONTACT_WORKER=False,
                    HERALD_CONTACT_FROM="dashboard@example.org")


@pytest.fixture
def people(app: Flask, smtp_server) -> dict[str, FlaskClient]:  # noqa: F811
    admin = Dashboard(app.test_client())
    assert admin.sign_in().status_code == 303
    return {name: signed_in_as(app, invited_link(admin, smtp_server, f"{name}@example.org", role, name.title()))
            for name, role in (("ada", "editor"), ("ben", "editor"), ("mo", "moderator"))}


def test_a_submission_waits_then_another_editor_publishes_it(app, people, repositories) -> None:
    ada, ben = people["ada"], people["ben"]
    before = repositories.remote_log()
    assert "Submit for review" in ada.get(f"/admin/content/edit/{POST}").text
    submitted = ada.post(f"/admin/content/edit/{POST}", data=editor_form(ada, body="Reviewed words.\n",
                                                                        action="publish"))
    assert submitted.status_code == 303 and repositories.remote_log() == before
    waiting = ada.get("/admin/content/reviews").text
    review = re.search(r"/admin/content/reviews/(\d+)", waiting).group(1)
    own = ada.get(f"/admin/content/reviews/{review}")
    assert "You wrote this" in own.text
    refused = ada.post(f"/admin/content/reviews/{review}/publish", data={"csrf_token": csrf_of(own.text)})
    assert refused.status_code == 403 and repositories.remote_log() == before
    page = ben.get(f"/admin/content/reviews/{review}")
    assert "+Reviewed words." in page.text  # the difference from the site's version
    published = ben.post(f"/admin/content/reviews/{review}/publish", data={"csrf_token": csrf_of(page.text)})
    assert published.status_code == 303
    assert repositories.remote_file(POST).endswith(b"Reviewed words.\n")
    assert repositories.remote_log()[0].startswith("Ada <ada@example.org>|")
    assert repositories.remote_log()[0].endswith("|Publish post: First (reviewed by Ben)")
    assert ("Ben", "content.publish", POST) in audit_actions(app)


def test_under_review_an_editors_plain_save_that_is_not_a_draft_waits_too(people, repositories) -> None:
    ada = people["ada"]
    before = repositories.remote_log()
    saved = ada.post(f"/admin/content/edit/{POST}", data=editor_form(ada, body="Quietly live.\n", action="save"))
    assert saved.status_code == 303 and repositories.remote_log() == before
    asked = ada.post(f"/admin/content/edit/{POST}", data=editor_form(ada, body="A draft.\n", action="draft"))
    assert asked.status_code == 200 and "Take this post off the site?" in asked.text  # it is published
    drafted = ada.post(f"/admin/content/edit/{POST}", data=editor_form(ada, body="A draft.\n", action="unpublish"))
    assert drafted.status_code == 303
    assert repositories.remote_log()[0].endswith("|Unpublish post: First")


def test_a_moderator_reaches_no_content_page_and_an_editor_no_settings(people) -> None:
    for path in ("/admin/content/", f"/admin/content/edit/{POST}", "/admin/content/media", "/admin/content/reviews",
                 "/admin/content/media-file/media/x.png"):
        assert people["mo"].get(path).status_code == 403, path
    assert people["ada"].get("/admin/content/settings").status_code == 403
    assert people["ada"].get("/admin/content/").status_code == 200


def test_content_leads_the_menu_of_those_who_may_edit_and_an_editor_lands_there(app, people, smtp_server) -> None:  # noqa: F811
    assert '<a href="/admin/content/"' in people["ada"].get("/admin/content/").text
    assert "/admin/content/" not in people["mo"].get("/admin/").text
    admin = Dashboard(app.test_client())
    admin.sign_in()
    answer = follow(app.test_client(), invited_link(admin, smtp_server, "cy@example.org", "editor", "Cy"))
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/admin/content/")


def test_without_a_content_manager_the_menu_has_no_content(make_app) -> None:
    client = make_app().test_client()
    Dashboard(client).sign_in()
    assert "/admin/content/" not in client.get("/admin/").text
