"""The board's tables: threads, and the posts in them (a thread's opening body is its first post).

A thread is only as visible as its opening post: `status` mirrors that post's, so listing threads needs no join.
`post_count` and `last_activity` describe the approved posts only, so a queued reply neither counts nor bumps.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, UTCDateTime


class BoardThread(Base):
    __tablename__ = "board_threads"
    __table_args__ = {"sqlite_autoincrement": True}  # an id is never given again: links name it

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254))  # the opening post's; never published
    status: Mapped[str] = mapped_column(String(16))
    locked: Mapped[bool] = mapped_column(default=False)
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    last_activity: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    post_count: Mapped[int] = mapped_column(default=0)

    posts: Mapped[list[BoardPost]] = relationship(back_populates="thread", cascade="all, delete-orphan",
                                                  passive_deletes=True, order_by="BoardPost.id")


class BoardPost(Base):
    __tablename__ = "board_posts"
    __table_args__ = {"sqlite_autoincrement": True}  # an id is never given again: the admin's forms name it

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("board_threads.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254))  # never published
    body: Mapped[str] = mapped_column(Text)  # the visitor's Markdown, as typed
    html: Mapped[str] = mapped_column(Text)  # rendered and sanitized by render_visitor_text
    status: Mapped[str] = mapped_column(String(16), index=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime)

    thread: Mapped[BoardThread] = relationship(back_populates="posts")
