"""Named events (blinker signals) that side effects subscribe to, so views don't run mail or event logging inline.

A view calls `send(comment_created, comment=..., session=session)` before its commit, so the rows receivers
add through `session` (the comment's analytics event) are stored in the same transaction, or `send(...)`
without a session after its commit, when a receiver acts outside the database (the contact concern's
delivery wakes on it). The events concern subscribes `log_event`. Receivers must not raise into the request.

`content_committed` is sent by service/cms/saving.py once a save's commit has landed and is recorded, with the
content backend as sender (a commit may land in the retry worker's thread, outside any app context): receivers
connect with `sender=` the app's backend, as `build.py demo` does to rebuild its site after each commit.
"""

from typing import Any

from blinker import NamedSignal, Namespace
from flask import current_app

signals = Namespace()

comment_created = signals.signal("comment-created")
thread_created = signals.signal("thread-created")
board_post_created = signals.signal("board-post-created")
contact_received = signals.signal("contact-received")
content_committed = signals.signal("content-committed")  # data: commit_id, message, paths, author


def send(signal: NamedSignal, **data: Any) -> None:
    """Fire `signal` with the current app as sender, so receivers connected to one app never hear another."""
    signal.send(current_app._get_current_object(), **data)
