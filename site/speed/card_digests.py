"""What a listing shows of a post, and digests of what pages show: the signatures of `herald_site.speed.signatures`.

A post's card is digested once, when its file is loaded, and kept in its document record (see
`herald_site.speed.records`): a rebuild of thousands of posts then does not digest every card again.
"""

from __future__ import annotations

import hashlib

from herald_site.content.model import Post


def digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def card(post: Post) -> tuple[object, ...]:
    """What a listing shows of a post (partials/posts.html, partials/cards.html: its cover too, whose size the
    signatures add from the file): an edit further down its text, its cover's alt or `featured` changes none."""
    updated = post.updated.isoformat() if post.updated else None
    return (post.url_path, post.title, post.date.isoformat(), updated, post.author, post.reading_minutes,
            post.draft, post.summary, post.image)  # dates as ISO text: a datetime's repr costs several times more


def card_digest(post: Post) -> str:
    """The digest of the post's card: kept with the post when its loader made it, else made and kept now."""
    if not post.card_digest:
        post.card_digest = digest(card(post))
    return post.card_digest
