"""Named events that side effects subscribe to, so views don't run mail or event logging inline.

A view sends `comment_created.send(current_app._get_current_object(), comment=...)`; the events concern
subscribes `log_event`, the contact concern its delivery. Receivers must not raise into the request.
"""

from blinker import Namespace

signals = Namespace()

comment_created = signals.signal("comment-created")
thread_created = signals.signal("thread-created")
board_post_created = signals.signal("board-post-created")
contact_received = signals.signal("contact-received")
