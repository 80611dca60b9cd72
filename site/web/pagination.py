"""Splitting a list of posts into numbered pages: page 1 lives at the listing's own URL, N >= 2 under page/N/."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from werkzeug.exceptions import NotFound

Item = TypeVar("Item")


def page_count(item_count: int, per_page: int) -> int:
    """How many pages a listing has; an empty listing still has its first page."""
    return max(1, math.ceil(item_count / per_page))


def page_numbers(item_count: int, per_page: int) -> Iterator[dict[str, int]]:
    """The `url_for` values of every page of a listing."""
    for number in range(1, page_count(item_count, per_page) + 1):
        yield {"page": number}


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
