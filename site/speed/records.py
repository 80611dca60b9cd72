"""A document as the build cache keeps it: a record of plain values, from which a rebuild makes the Post again
without reading, parsing or rendering its file.

A record holds no HTML (the cache keeps that apart) and is valid for one version of this code, the Markdown
settings and the site settings a post's fields come from (see `herald_site.speed.cached_loading`).
"""

from __future__ import annotations

import functools
import pickle
import sys
from dataclasses import fields
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from herald_site.content.documents import LoadedDocument
from herald_site.content.model import DocumentKind, DocumentTexts, Page, Post
from herald_site.speed.card_digests import card_digest

# The leading fields of Post and Page, the ones a record keeps: the rest (file, hash, texts) it is given.
_KEPT_FIELDS: dict[DocumentKind, tuple[str, ...]] = {
    kind: tuple(field.name for field in fields(cls)
                if field.name not in ("source_file", "source_hash", "texts", "card_digest"))
    for kind, cls in (("post", Post), ("page", Page))
}
# Kept as plain values: unpickling a datetime and its zone costs more than the rest of a record.
_MOMENTS = tuple(_KEPT_FIELDS["post"].index(name) for name in ("date", "updated"))
# Held once per process: the few tag, category and author names recur in thousands of posts.
_AUTHOR = _KEPT_FIELDS["post"].index("author")
_NAMES = tuple(_KEPT_FIELDS["post"].index(name) for name in ("tags", "categories"))

PlainMoment = tuple[str, str | int | None]
"""A datetime as its local ISO text and its zone: a zoneinfo key, a fixed offset in seconds, or None."""


def _plain_moment(moment: datetime | None) -> PlainMoment | None:
    if moment is None:
        return None
    zone = moment.tzinfo
    if zone is None:
        code: str | int | None = None
    elif isinstance(zone, ZoneInfo) and zone.key:
        code = zone.key
    else:
        code = int(zone.utcoffset(moment).total_seconds())  # type: ignore[union-attr]
    return moment.replace(tzinfo=None).isoformat(), code


@functools.lru_cache(maxsize=64)
def _zone(code: str | int | None) -> tzinfo | None:
    if code is None:
        return None
    return ZoneInfo(code) if isinstance(code, str) else timezone(timedelta(seconds=code))


def _moment(plain: PlainMoment | None) -> datetime | None:
    return None if plain is None else datetime.fromisoformat(plain[0]).replace(tzinfo=_zone(plain[1]))


def to_record(loaded: LoadedDocument) -> bytes:
    """What the build cache keeps of a loaded document: plain values, for a given version of this code."""
    document = loaded.document
    values = [getattr(document, name) for name in _KEPT_FIELDS[loaded.kind]]
    card = ""
    if isinstance(document, Post):
        card = card_digest(document)
        for index in _MOMENTS:
            values[index] = _plain_moment(values[index])
    record = (
        tuple(values), loaded.links, loaded.images, loaded.key_lines, card, loaded.inputs, loaded.inputs_digest,
        loaded.videos,
    )
    return pickle.dumps(record, pickle.HIGHEST_PROTOCOL)


def from_record(
    kind: DocumentKind, path: str, source_hash: str, record: bytes, texts: DocumentTexts
) -> LoadedDocument | None:
    """The loaded document a record keeps, or None when the record is damaged (the file is then read again)."""
    try:
        kept, links, images, key_lines, card, inputs, inputs_digest, videos = pickle.loads(record)
        if kind == "post":
            values = list(kept)
            for index in _MOMENTS:
                values[index] = _moment(values[index])
            values[_AUTHOR] = sys.intern(values[_AUTHOR])
            for index in _NAMES:
                values[index] = tuple(map(sys.intern, values[index]))
            document: Post | Page = Post(*values, path, source_hash, texts, card)
        else:
            document = Page(*kept, path, source_hash, texts)
    except Exception:  # noqa: BLE001 - a damaged pickle can raise almost anything
        return None
    return LoadedDocument(kind, path, document, links, images, key_lines, inputs, inputs_digest, videos)
