"""Erasing a person: each concern registers how to remove what it stores about an email address."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

Eraser = Callable[[Session, str], int]

_erasers: dict[str, Eraser] = {}


def register_eraser(concern: str, eraser: Eraser) -> None:
    """Register `eraser(session, email) -> rows removed` under the concern's name."""
    _erasers[concern] = eraser


def erase_email(session: Session, email: str) -> dict[str, int]:
    """Remove every row that names `email`, in one transaction; returns rows removed per concern."""
    return {concern: eraser(session, email) for concern, eraser in sorted(_erasers.items())}
