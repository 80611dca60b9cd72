"""`flask --app service import wordpress EXPORT.xml`: the export's comments under their posts' pages, threaded,
dated, without spam or any address, and a second run adds nothing (on SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import select, text

from service.all_models import METADATA
from service.comments.models import Comment
from tests.importers.wordpress_fixture import EXPORT

HELLO = "/2024/05/03/hello-spring/"


def run_import(app):
    result = app.test_cli_runner().invoke(args=["import", "wordpress", str(EXPORT)])
    assert result.exit_code == 0, result.output
    return result.output


def every_stored_value(app) -> str:
    with app.extensions["herald_db"].engine.connect() as connection:
        return repr([connection.execute(select(table)).all() for table in METADATA.sorted_tables])


def test_comments_land_threaded_and_dated_under_their_pages(app, client):
    output = run_import(app)
    assert "Added 3 published and 1 held comments (0 were already there)." in output
    comments = client.get(f"/api/comments?page={HELLO}").json["comments"]
    assert [comment["author"] for comment in comments] == ["Dana", "Alice Martin", "Gus"]
    dana, alice, gus = comments
    assert alice["parent"] == dana["id"]  # wp:comment_parent
    assert gus["parent"] is None  # he answered spam, which stayed behind: his reply starts a thread
    assert dana["created"].startswith("2024-05-03T10:00:00")  # comment_date_gmt
    assert dana["website"] == "https://dana.example"


def test_held_comments_wait_for_moderation(app, client, admin_headers):
    run_import(app)
    pending = client.get("/api/admin/comments", headers=admin_headers).json["comments"]
    assert [(comment["author"], comment["page"]) for comment in pending] == [("Eli", HELLO)]


def test_spam_trash_pingbacks_and_private_posts_comments_stay_behind(app):
    output = run_import(app)
    for line in ("1 comments marked spam", "1 comments marked in the trash", "1 pingbacks and trackbacks",
                 "1 comments on posts the site does not publish",
                 "1 comments on pages (Herald shows comments under posts only)"):
        assert line in output
    stored = every_stored_value(app)
    for text_of_left_out in ("Buy cheap pills", "Posted twice", "the robins are back", "Approved by the committee",
                             "How do I join?"):
        assert text_of_left_out not in stored


def test_no_email_or_ip_address_is_stored_and_no_html_is_trusted(app):
    run_import(app)
    stored = every_stored_value(app)
    for address in ("@mail.example", "@birders.example.org", "@spam.example", "203.0.113.", "198.51.100.20",
                    "2001:db8::1"):
        assert address not in stored
    with app.extensions["herald_db"].engine.connect() as connection:
        dana = connection.execute(select(Comment).where(Comment.author == "Dana")).one()
    assert dana.email is None
    assert "<script" not in dana.html and "alert" not in dana.html
    assert dana.html == "<p>Saw two on the <em>west</em> bank too!<br>\nSee you Saturday.</p>"


def test_a_second_run_adds_nothing_and_a_removed_comment_stays_removed(app, client, admin_headers):
    run_import(app)
    gus = client.get(f"/api/comments?page={HELLO}").json["comments"][-1]
    assert client.delete(f"/api/admin/comments/{gus['id']}", headers=admin_headers).status_code == 204
    output = run_import(app)
    assert "Added 0 published and 0 held comments (4 were already there)." in output
    with app.extensions["herald_db"].engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM comments")).scalar() == 3
    assert [comment["author"] for comment in client.get(f"/api/comments?page={HELLO}").json["comments"]] == [
        "Dana", "Alice Martin"]


def test_a_file_that_is_no_export_is_refused_naming_it(app, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<rss><channel></channel></rss>", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", "wordpress", str(bad)])
    assert result.exit_code == 1 and str(bad) in result.output and "Traceback" not in result.output


def test_erasing_an_address_removes_the_comments_imported_with_it_for_good(app, client, admin_headers):
    run_import(app)
    answer = client.post("/api/admin/erase", json={"email": "Dana@Mail.example"}, headers=admin_headers)
    assert answer.status_code == 200 and answer.json["removed"]["comments"] == 1
    remaining = client.get(f"/api/comments?page={HELLO}").json["comments"]
    assert [(comment["author"], comment["deleted"]) for comment in remaining] == [
        (None, True), ("Alice Martin", False), ("Gus", False)]  # Alice's reply keeps its place under a placeholder
    run_import(app)  # the export still holds Dana's comment: it does not come back
    assert "Dana" not in every_stored_value(app)
    assert len(client.get(f"/api/comments?page={HELLO}").json["comments"]) == 3
