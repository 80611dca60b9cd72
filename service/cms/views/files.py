"""Files as wholes: uploading a picture to media/ (checked and cleaned by service/cms/media.py), and renaming
or deleting a post or page after a confirmation page. A rename that moves a published address leaves the old
one in the document's `redirect_from`, so the build writes a redirect for it."""

from __future__ import annotations

from dataclasses import replace

from flask import flash, jsonify, redirect, request, url_for
from flask.typing import ResponseReturnValue

from herald_site.editing import rename_redirects

from ...admin.signin import role_required
from ...http.error_answers import renders_html
from ...http.errors import ValidationError
from ...http.rate_limits import rate_limited
from .. import media
from ..documents import exists, is_document, open_document, renamed_path
from ..editor_form import relative_path
from ..publishing import Save, commit, content_folder, errors_of, notice
from . import bp
from .rendering import accepts_up_to, document_entry, media_files, page

UPLOAD_LIMIT = media.MAX_UPLOAD_BYTES + 256 * 1024  # the file and the form around it
TOO_LARGE = (f"This file is more than {media.MAX_UPLOAD_BYTES // 1048576} MB; upload at most "
             f"{media.MAX_UPLOAD_BYTES // 1048576} MB (make the picture smaller first).")


def _wants_json() -> bool:
    accept = request.accept_mimetypes
    return accept.quality("application/json") > accept.quality("text/html")


@bp.get("/admin/content/media")
@renders_html
@role_required("content")
def media_page() -> ResponseReturnValue:
    return page("admin/content_media.html", media=media_files(content_folder()), problems={}, values={})


@bp.post("/admin/content/media")
@rate_limited("HERALD_LIMIT_CONTENT_UPLOAD")
@renders_html
@accepts_up_to(UPLOAD_LIMIT, field=media.FILE_FIELD, message=TOO_LARGE)
@role_required("content")
def upload_media() -> ResponseReturnValue:
    """Check, clean and commit one picture; answer the Markdown that shows it (JSON for the editor's dialog,
    the media page for a plain form)."""
    upload = request.files.get(media.FILE_FIELD)
    alt = request.form.get(media.ALT_FIELD, "")
    try:
        if upload is None or not upload.filename:
            raise ValidationError({media.FILE_FIELD: "Choose an image file to upload."})
        image = media.process_upload(upload.stream.read(media.MAX_UPLOAD_BYTES + 1), upload.filename, alt,
                                     taken=exists)
    except ValidationError as error:
        if _wants_json():
            raise
        return page("admin/content_media.html", media=media_files(content_folder()), problems=error.fields,
                    values={media.ALT_FIELD: alt}), 400
    outcome = commit(Save({image.path: image.content}, {image.path: None}, f"Upload {image.path}",
                          "content.upload", image.path))
    message, category = notice(outcome)
    if _wants_json():
        return jsonify({"path": image.path, "markdown": image.markdown, "status": outcome.status,
                        "notice": message, "width": image.width, "height": image.height}), 201
    flash(message, category)
    return page("admin/content_media.html", media=media_files(content_folder()), problems={}, values={},
                uploaded=image), 201


@bp.route("/admin/content/rename/<path:path>", methods=["GET", "POST"])
@renders_html
@role_required("content")
def rename_document(path: str) -> ResponseReturnValue:
    document = open_document(path)
    if request.method == "GET":
        return page("admin/content_rename.html", document=document, problems={}, name="")
    name = request.form.get("name", "").strip()
    try:
        target = renamed_path(document.path, name, exists)
    except ValidationError as error:
        return page("admin/content_rename.html", document=document, problems=error.fields, name=name), 422
    before = document_entry(document.path)
    text = rename_redirects(content_folder(), document.path, document.text, new_path=target)
    changes = {target: text.encode(), document.path: None}
    errors = errors_of(changes)
    if errors:
        return page("admin/content_rename.html", document=document, name=name,
                    problems={"name": "; ".join(problem.message for problem in errors)}), 422
    outcome = commit(Save(changes, {target: None, document.path: document.blob},
                          f"Rename {document.path} to {target}", "content.rename", f"{document.path} -> {target}"))
    if outcome.conflict is not None:
        return page("admin/content_conflict.html", path=document.path, conflict=outcome.conflict,
                    text=document.text), 409
    flash(*notice(outcome, _renamed(before.url if before else None, text != document.text, target)))
    return redirect(url_for(".edit_page", path=target), code=303)


def _renamed(old_url: str | None, redirected: bool, target: str) -> str:
    """The notice after a rename: the new file, and where the old address now leads."""
    if not redirected or not old_url:
        return f"Renamed to {target}."
    after = document_entry(target)
    new_url = after.url if after and after.url else "the new one"
    return f"Renamed to {target}: the old address {old_url} redirects to {new_url}."


@bp.route("/admin/content/delete/<path:path>", methods=["GET", "POST"])
@renders_html
@role_required("content")
def delete_document(path: str) -> ResponseReturnValue:
    """Delete after a confirmation page; refused while another document links to it (the site's check)."""
    document = open_document(path)
    if request.method == "GET":
        return page("admin/content_delete.html", document=document, problems=[], linking=[])
    folder = content_folder()
    errors = [replace(problem, path=relative_path(problem.path, folder))
              for problem in errors_of({document.path: None})]
    if errors:
        linking = sorted({str(problem.path) for problem in errors if is_document(str(problem.path))})
        return page("admin/content_delete.html", document=document, problems=errors, linking=linking), 422
    outcome = commit(Save({document.path: None}, {document.path: document.blob},
                          f"Delete {document.kind}: {document.title}", "content.delete", document.path))
    if outcome.conflict is not None:
        return page("admin/content_conflict.html", path=document.path, conflict=outcome.conflict,
                    text=document.text), 409
    flash(*notice(outcome, f"Deleted {document.path}: it leaves the site at the next build, in a minute."))
    return redirect(url_for(".content_list"), code=303)
