"""The site's settings (site.yml's title, description, navigation, social accounts and contact topics) as a
form; saved through service/cms/site_settings.py, which keeps the rest of the file as it was. Admins only (the
`settings` permission): a contact topic's address decides where visitors' messages go."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from herald_site.content.settings import CONFIG_FILE

from ...admin.signin import role_required
from ...http.error_answers import renders_html
from ...http.errors import ApiError, ValidationError
from .. import site_settings
from ..publishing import Save, backend, commit, errors_of, notice
from . import bp
from .rendering import page


def _site_yml() -> tuple[str, str | None]:
    content_backend = backend()
    data = content_backend.read(CONFIG_FILE)
    if data is None:
        raise ApiError(404, f"The site has no {CONFIG_FILE} on its branch.")
    return data.decode("utf-8-sig"), content_backend.blob_id(CONFIG_FILE)


def _form(values: site_settings.SettingsValues, blob: str | None, problems: dict[str, str]) -> str:
    for rows in values.rows.values():
        rows.extend({} for _ in range(site_settings.SPARE_ROWS))
    return page("admin/content_settings.html", values=values, blob=blob or "", problems=problems,
                row_fields=site_settings.ROW_FIELDS)


@bp.get("/admin/content/settings")
@renders_html
@role_required("settings")
def settings_form() -> ResponseReturnValue:
    text, blob = _site_yml()
    return _form(site_settings.current_values(text), blob, {})


@bp.post("/admin/content/settings")
@renders_html
@role_required("settings")
def save_settings() -> ResponseReturnValue:
    text, head_blob = _site_yml()
    blob = request.form.get("blob") or head_blob
    try:
        new_text = site_settings.changed_text(text, request.form)
        errors = errors_of({CONFIG_FILE: new_text.encode()})
        if errors:
            raise ValidationError({site_settings.field_of(problem.field): problem.message for problem in errors})
    except ValidationError as error:
        return _form(site_settings.posted_form(request.form)[0], blob, error.fields), 422
    if new_text == text:
        flash("Nothing changed.")
        return redirect(url_for(".settings_form"), code=303)
    outcome = commit(Save({CONFIG_FILE: new_text.encode()}, {CONFIG_FILE: blob}, "Edit site settings",
                          "content.settings", CONFIG_FILE))
    if outcome.conflict is not None:
        return page("admin/content_conflict.html", path=CONFIG_FILE, conflict=outcome.conflict, text=new_text), 409
    flash(*notice(outcome))
    return redirect(url_for(".settings_form"), code=303)
