"""Splitting a list of posts into numbered pages: page 1 lives at the listing's own URL, N >= 2 under page/N/."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from werkzeug.exceptions import NotFound

from herald_site.urls import page_count

Item = TypeVar("Item")


@dataclass(frozen=True)
class Pagination(Generic[Item]):
    items: Sequence[Item]
    number: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


def paginate(items: Sequence[Item], number: int, per_page: int) -> Pagination[Item]:
    """Page `number` of `items`; a page past the end is a 404, as it would be on the built site."""
    count = page_count(len(items), per_page)
    if not 1 <= number <= count:
        raise NotFound(f"There is no page {number}; this listing has {count}.")
    start = (number - 1) * per_page
    return Pagination(items[start : start + per_page], number, count)
