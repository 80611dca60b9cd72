"""Bringing an existing site into Herald: `build.py import wordpress EXPORT.xml` (see wordpress.py).

An importer reads another tool's export and writes a content folder Herald builds: posts, pages, media,
site.yml, and a report of what it could not carry over. It sits beside the content layer: it knows Herald's
URLs and slugs (`herald_site.urls`) and checks every path it writes (`herald_site.confined`), and nothing of the
web or build layers.
"""
