"""What an editor's tools need of the static side, for the dashboard's content manager (the service) and
`build.py new page` and `list`: every document listed with its state and URL (`documents`), the frontmatter
form and a document's text taken apart and put back (`fields`), the problems a change would bring to the whole
site, found before it is saved (`checking`, on an overlay of the content folder: `overlay`), the redirect a
moved published document leaves (`moves`), and a document's page rendered as the build would
(`herald_site.editing.preview`, the one module here that loads Flask, so it is imported by its own name).
"""

from __future__ import annotations

from herald_site.editing.checking import check_change
from herald_site.editing.documents import DocumentEntry, list_documents
from herald_site.editing.fields import FormField, form_fields, join_document, split_document, tag_suggestions
from herald_site.editing.moves import rename_redirects

__all__ = [
    "DocumentEntry", "FormField", "check_change", "form_fields", "join_document", "list_documents",
    "rename_redirects", "split_document", "tag_suggestions",
]
