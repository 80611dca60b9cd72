"""The editor: a post's or page's frontmatter as a form and its Markdown body, saved as a draft, published,
scheduled or submitted for review; the live preview; and a new post or page.

A save is refused, with each problem beside its field, when the site's check finds an error in the whole site
with the change applied; warnings are shown and the save goes on. A save over a version that changed on the
branch meanwhile gets the conflict page, with the difference and the editor's own text, so nothing is lost.
"""

from __future__ import annotations

import dataclasses
from pathlib import PurePosixPath

from flask import Response, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from herald_site.content.model import ContentError, Problem
from herald_site.content.settings import read_settings
from herald_site.editing import FormField, rename_redirects
from herald_site.editing.fields import form_fields, join_document, split_document, tag_suggestions
from herald_site.editing.preview import render_preview

from ...admin.signin import current_person, role_required
from ...audit.store import record
from ...db import get_session, utcnow
from ...field_checks import character_problem, checked, choice, line
from ...http.error_answers import renders_html
from ...http.errors import ApiError, ValidationError
from ...http.origins import site_origin
from ...http.rate_limits import rate_limited
from .. import editorial, reviews
from ..documents import OpenDocument, document_path, exists, kind_of, new_path, open_document
from ..editor_form import (BODY_FIELD, DATE_FIELD, DRAFT_FIELD, SortedProblems, form_values, frontmatter_from_form,
                           posted_values, relative_path, sort_problems, split_fields, widget_for)
from ..publishing import Save, commit, content_folder, errors_of, notice, problems_of
from ..preview_media import rewrite_media
from ..saving import SaveOutcome
from . import bp
from .media_file import preview_address
from .rendering import accepts_up_to, document_entry, media_files, page, publishes_directly, site_timezone

EDIT_LIMIT = 2 * 1024 * 1024  # a long post's text, with room to spare
MAX_BODY = 1_000_000
# The preview's <base href> is the site's address, so its links and pictures resolve as on the site; its /media/
# pictures come from the content folder through the dashboard ('self'), uploads not yet built included.
PREVIEW_POLICY = ("default-src 'none'; style-src 'self'{site} 'unsafe-inline'; img-src 'self' data:{site}; "
                  "font-src 'self'{site}; media-src 'self'{site}; base-uri {base}; frame-ancestors 'self'; sandbox")


def _fields(kind: str) -> list[FormField]:
    """The frontmatter form of a post or a page, with the site's languages as the language field's choices."""
    try:
        config = read_settings(content_folder()).config
    except ContentError:
        config = None
    return form_fields(kind, config)  # type: ignore[arg-type]


def _editor(document_path_: str, kind: str, title: str, values: dict[str, str], body: str, blob: str | None, *,
            problems: SortedProblems | None = None, status: int = 200,
            confirm_unpublish: bool = False) -> tuple[str, int]:
    folder = content_folder()
    zone = site_timezone(folder)
    entry = document_entry(document_path_)
    frontmatter = {name: value for name, value in values.items() if value}
    live = editorial.goes_live(frontmatter, now=utcnow(), zone=zone)
    when = editorial.moment(values.get(DATE_FIELD), zone)
    waiting = reviews.pending_for(get_session(), document_path_)
    return page("admin/content_edit.html", path=document_path_, kind=kind, title=title, fields=_fields(kind),
                values=values, body=body, blob=blob or "", problems=problems or SortedProblems(), entry=entry,
                tags=tag_suggestions(folder), media=media_files(folder), zone=zone.key,
                live=editorial.live_label(live, zone) if live else None, waiting=waiting,
                publishes_directly=publishes_directly(), widget_for=widget_for, split_fields=split_fields,
                confirm_unpublish=confirm_unpublish, can_schedule=when is not None and when > utcnow()), status


@bp.get("/admin/content/edit/<path:path>")
@renders_html
@role_required("content")
def edit_page(path: str) -> ResponseReturnValue:
    document = open_document(path)
    frontmatter, body = split_document(document.text)
    return _editor(document.path, document.kind, document.title, form_values(_fields(document.kind), frontmatter),
                   body, document.blob)


@bp.post("/admin/content/edit/<path:path>")
@renders_html
@accepts_up_to(EDIT_LIMIT)
@role_required("content")
def save_document(path: str) -> ResponseReturnValue:
    document = open_document(path)
    form = request.form
    action = checked(form, {"action": choice(editorial.ACTIONS, default=editorial.SAVE)})["action"]
    fields = _fields(document.kind)
    body = _posted_body(form.get(BODY_FIELD, ""))
    blob = form.get("blob") or None
    values = posted_values(fields, form)
    original, _ = split_document(document.text)
    folder = content_folder()
    zone = site_timezone(folder)
    if action == editorial.DRAFT and (entry := document_entry(document.path)) is not None and entry.state == "published":
        # One click would take it off the site: the page asks first, with the edits kept in the form.
        return _editor(document.path, document.kind, document.title, values, body, blob, confirm_unpublish=True)
    try:
        frontmatter = editorial.applied(action, frontmatter_from_form(fields, form, original), now=utcnow(), zone=zone)
    except ValidationError as error:
        return _editor(document.path, document.kind, document.title, values, body, blob,
                       problems=_field_problems(document.path, error.fields), status=422)
    text = rename_redirects(folder, document.path, join_document(frontmatter, body))
    problems = sort_problems(_lines_in_body(problems_of({document.path: text.encode()}), document.path, text, body),
                             document.path, folder, [field.name for field in fields] + [BODY_FIELD])
    if problems.errors:
        return _editor(document.path, document.kind, document.title, values, body, blob, problems=problems,
                       status=422)
    title = str(frontmatter.get("title") or document.title)
    if not publishes_directly() and (action in (editorial.PUBLISH, editorial.SCHEDULE)
                                     or not frontmatter.get(DRAFT_FIELD)):
        # Under review, only drafts are committed by an editor: whatever would show on the site waits.
        return _submit_for_review(document, title, text, blob)
    save = Save({document.path: text.encode()}, {document.path: blob},
                editorial.message(action, document.kind, title), f"content.{action}", document.path)
    return _answer(commit(save), document.path, text, problems, frontmatter, editorial.DONE[action])


def _posted_body(raw: str) -> str:
    body = raw.replace("\r\n", "\n")
    problem = character_problem(body)
    if problem:
        raise ValidationError({BODY_FIELD: problem})
    if len(body) > MAX_BODY:
        raise ValidationError({BODY_FIELD: f"Keep a document under {MAX_BODY:,} characters; split it in two."})
    return body


def _lines_in_body(problems: list[Problem], path: str, text: str, body: str) -> list[Problem]:
    """The problems found in the body of `path`, with their lines counted as its text box shows them: the check
    counts from the file's first line, and the editor does not see the frontmatter above the body."""
    if not text.endswith(body):
        return problems
    above = text[:len(text) - len(body)].count("\n")
    return [dataclasses.replace(problem, line=problem.line - above)
            if problem.line is not None and problem.line > above
            and relative_path(problem.path, content_folder()) == path else problem for problem in problems]


def _field_problems(path: str, fields: dict[str, str]) -> SortedProblems:
    """Problems the form itself found (a schedule without a future date, YAML that does not read), by field."""
    problems = SortedProblems()
    for name, message in fields.items():
        problems.by_field.setdefault(name, []).append(Problem(PurePosixPath(path), None, message, "error", name))
    return problems


def _answer(outcome: SaveOutcome, path: str, text: str, problems: SortedProblems,
            frontmatter: dict[str, object], done: str) -> ResponseReturnValue:
    """The conflict page, or a notice back on the editor saying what was `done` (with the warnings and when the
    post goes live)."""
    if outcome.conflict is not None:
        return page("admin/content_conflict.html", path=path, conflict=outcome.conflict, text=text), 409
    message, category = notice(outcome, done)
    zone = site_timezone(content_folder())
    live = editorial.goes_live(frontmatter, now=utcnow(), zone=zone)
    if live is not None and category == "message":
        message = f"Scheduled: the post {editorial.live_label(live, zone)}."
    flash(message, category)
    for warning in problems.warnings:
        flash(f"Warning: {warning.message}", "problem")
    return redirect(url_for(".edit_page", path=path), code=303)


def _submit_for_review(document: OpenDocument, title: str, text: str, blob: str | None) -> ResponseReturnValue:
    person = current_person()
    if person is None:
        raise ApiError(403, "Sign in to submit for review.")
    session = get_session()
    reviews.submit(session, reviews.ContentReview(
        path=document.path, title=title, content=text.encode(), expected_blob=blob, author_name=person.name,
        author_email=person.email, author_id=person.id, submitted=utcnow()))
    record(session, "content.submit", document.path,
           editorial.message("publish", document.kind, title, submitted=True))
    session.commit()
    flash("Submitted for review: an admin or another editor publishes it. Until then the site does not change.")
    return redirect(url_for(".edit_page", path=document.path), code=303)


@bp.post("/admin/content/preview")
@rate_limited("HERALD_LIMIT_CONTENT_PREVIEW")
@renders_html
@accepts_up_to(EDIT_LIMIT)
@role_required("content")
def preview() -> ResponseReturnValue:
    """The document as the build would write it, from the editor's unsaved form, for the preview frame: the
    site's own pipeline and templates, framed only by the dashboard and run with no script (CSP sandbox)."""
    form = request.form
    path = document_path(checked(form, {"path": line(1000, missing="Which document?")})["path"])
    folder = content_folder()
    original = split_document(document.text)[0] if (document := _existing(path)) else {}
    text = join_document(frontmatter_from_form(_fields(kind_of(path)), form, original),
                         _posted_body(form.get(BODY_FIELD, "")))
    site = site_origin()
    html = rewrite_media(render_preview(folder, path, text, base_url=site or None), preview_address)
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = PREVIEW_POLICY.format(site=f" {site}" if site else "",
                                                                         base=site or "'none'")
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Cache-Control"] = "no-store"
    return response


def _existing(path: str) -> OpenDocument | None:
    return open_document(path) if exists(path) else None


@bp.route("/admin/content/new", methods=["GET", "POST"])
@renders_html
@role_required("content")
def new_document() -> ResponseReturnValue:
    """A new post (dated today) or page, committed at once as a draft, then opened in the editor."""
    kind = request.values.get("kind", "post")
    if request.method == "GET":
        return page("admin/content_new.html", kind=kind, values={}, problems={})
    try:
        values = checked(request.form, {"kind": choice(("post", "page")),
                                        "title": line(300, missing="Give the new document a title.")})
        path = new_path(values["kind"], values["title"], utcnow().date(), exists)
    except ValidationError as error:
        return page("admin/content_new.html", kind=kind, values=request.form, problems=error.fields), 422
    frontmatter: dict[str, object] = {"title": values["title"], "draft": True}
    if values["kind"] == "post":
        frontmatter = {"title": values["title"], "date": utcnow().astimezone(site_timezone(content_folder()))
                       .strftime("%Y-%m-%d %H:%M"), "draft": True}
    text = join_document(frontmatter, "")
    problems = errors_of({path: text.encode()})
    if problems:
        fields = {"title": "; ".join(problem.message for problem in problems)}
        return page("admin/content_new.html", kind=kind, values=request.form, problems=fields), 422
    outcome = commit(Save({path: text.encode()}, {path: None}, f"New {values['kind']}: {values['title']}",
                          "content.create", path))
    flash(*notice(outcome, "Created as a draft: the site does not show it until you publish it."))
    return redirect(url_for(".edit_page", path=path), code=303)
