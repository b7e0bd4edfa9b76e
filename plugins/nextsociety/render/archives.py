"""Listings of dated items: pagination, year archives, tags, related items, previous/next."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Pagination(Generic[T]):
    number: int  # 1-based
    count: int  # how many pages in all
    items: Sequence[T]

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


def paginate(items: Sequence[T], per_page: int) -> list[Pagination[T]]:
    """Pages of `per_page` items; an empty list still gives one (empty) first page."""
    count = max(1, math.ceil(len(items) / per_page))
    return [Pagination(n + 1, count, items[n * per_page : (n + 1) * per_page]) for n in range(count)]


def group_by(items: Iterable[T], key: Callable[[T], Hashable]) -> dict[Hashable, list[T]]:
    """Groups in first-seen order, items kept in input order."""
    groups: dict[Hashable, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def related(item: T, candidates: Sequence[T], references: Callable[[T], set], limit: int = 3) -> list[T]:
    """Up to `limit` other items sharing the most references; ties keep the candidates' order."""
    own = references(item)
    scored = []
    for position, other in enumerate(candidates):
        if other is item:
            continue
        shared = len(own & references(other))
        if shared:
            scored.append((-shared, position, other))
    scored.sort(key=lambda s: (s[0], s[1]))
    return [other for _, _, other in scored[:limit]]


def neighbours(item: T, ordered: Sequence[T]) -> tuple[T | None, T | None]:
    """(newer, older) neighbours of `item` in a newest-first sequence."""
    index = next(i for i, other in enumerate(ordered) if other is item)
    newer = ordered[index - 1] if index > 0 else None
    older = ordered[index + 1] if index + 1 < len(ordered) else None
    return newer, older
