"""`flask --app service import wordpress EXPORT.xml`: the export's comments under their posts' pages, threaded,
dated, without spam or any address, and a second run adds nothing (on SQLite and PostgreSQL)."""

from __future__ import annotations

import threading

from sqlalchemy import event, select, text

from herald_site.importers.wxr import read_export
from service.all_models import METADATA
from service.comments.wordpress_import import import_wordpress_comments
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


def test_two_imports_at_the_same_moment_add_each_comment_once(app):
    """The second waits for the first to commit, then finds its comments: no database error, nothing twice."""
    engine = app.extensions["herald_db"].engine
    second: dict[str, str] = {}
    second_read = threading.Event()

    def second_import() -> None:
        result = app.test_cli_runner().invoke(args=["import", "wordpress", str(EXPORT)])
        second["output"] = f"{result.output}{result.exception!r}"

    def seen(connection, cursor, statement, *args) -> None:  # a statement of the second import has run
        if threading.current_thread() is thread and "comment_imports" in statement:
            second_read.set()

    thread = threading.Thread(target=second_import)
    event.listen(engine, "after_cursor_execute", seen)
    try:
        with app.app_context(), app.extensions["herald_db"].session() as session:
            first = import_wordpress_comments(session, read_export(EXPORT))
            thread.start()
            # Before the first commits, the second has read what was there (without the lock), or is waiting
            # for the lock (with it: then nothing of it runs until the commit, and this wait runs out).
            second_read.wait(timeout=2)
        thread.join(timeout=60)
    finally:
        event.remove(engine, "after_cursor_execute", seen)
    assert sum(first.added.values()) == 4
    assert "Added 0 published and 0 held comments (4 were already there)." in second["output"], second["output"]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM comments")).scalar() == 4


def test_an_import_that_waits_too_long_for_another_says_so(app, make_app, database_url):
    """A database that gives up waiting for the first import's lock (SQLite's busy timeout, a server's
    lock_timeout) stops the second with a message, not a database error."""
    sqlite = database_url.startswith("sqlite")
    impatient = make_app(DATABASE_URL=database_url if sqlite else f"{database_url}?options=-c%20lock_timeout%3D100")
    engine = impatient.extensions["herald_db"].engine
    if sqlite:
        event.listen(engine, "connect", lambda connection, _record: connection.execute("PRAGMA busy_timeout=100"))
        engine.dispose()  # connections made from here on wait briefly
    outcome = []
    second = threading.Thread(  # in a thread of its own: this one's app context would be taken for its own
        target=lambda: outcome.append(impatient.test_cli_runner().invoke(args=["import", "wordpress", str(EXPORT)])))
    with app.app_context(), app.extensions["herald_db"].session() as session:
        import_wordpress_comments(session, read_export(EXPORT))
        second.start()
        second.join(timeout=60)  # the first holds its lock all along
    [result] = outcome
    assert result.exit_code == 1
    assert "Error: another import of comments is still running on this database" in result.output
    assert "Traceback" not in result.output
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM comments")).scalar() == 4
