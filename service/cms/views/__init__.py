"""The dashboard's Content section at /admin/content/: the list of posts and pages, the editor with its live
preview, new documents, rename and delete, media uploads, the site's settings and the review queue.

Every page needs the `content` permission (admins and editors) and works without JavaScript; the editor's
script (service/static/content-editor.js) adds the toolbar, the shortcuts, the live preview and the upload
dialog. Every save goes through service/cms/publishing.py.
"""

from flask import Blueprint

bp = Blueprint("content", __name__)

from . import editing, files, listing, media_file, reviewing, settings_page  # noqa: E402,F401  (register the routes on bp)
