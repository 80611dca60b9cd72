"""Security tests use the service's fixtures: every test runs on SQLite and on PostgreSQL, tables emptied after."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import MetaData, select

from tests.service.conftest import (  # noqa: F401  (fixtures)
    admin_headers, app, client, database_url, make_app, site_shell,
)

UNSAFE_METHODS = ("POST", "PATCH", "PUT", "DELETE")
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def routes(app: Flask) -> list[tuple[str, str, str]]:
    """Every (method, URL, endpoint) the app answers, with 1 for each path argument."""
    adapter = app.url_map.bind("localhost")
    found = []
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            url = adapter.build(rule.endpoint, dict.fromkeys(rule.arguments, 1), method=method)
            found.append((method, url, rule.endpoint))
    return found


def every_row(app: Flask) -> dict[tuple[str, tuple], dict[str, object]]:
    """Every row of every table in the database (found by reflection, so no table is missed), by table and key."""
    engine = app.extensions["herald_db"].engine
    metadata = MetaData()
    metadata.reflect(engine)
    rows = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            key_columns = list(table.primary_key.columns) or list(table.columns)
            for row in connection.execute(select(table)).mappings():
                rows[(table.name, tuple(row[column.name] for column in key_columns))] = dict(row)
    return rows
