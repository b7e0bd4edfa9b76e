"""Listings of dated items: pagination, year archives, tags, related items, previous/next."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


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
    return [
        Pagination(n + 1, count, items[n * per_page : (n + 1) * per_page]) for n in range(count)
    ]


def group_by(items: Iterable[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    """Groups in first-seen order, items kept in input order."""
    groups: dict[K, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def related_map(
    items: Sequence[T],
    key: Callable[[T], K],
    references: Callable[[T], AbstractSet[Hashable]],
    limit: int = 3,
    window: int = 25,
) -> dict[K, list[T]]:
    """For every item, up to `limit` others sharing the most references, in one pass.

    Candidates are the `window` items on each side of the item in each reference's list
    (lists keep the input order, e.g. newest first), so the cost stays linear in the
    number of items instead of comparing every pair; ties keep the input order.
    """
    by_reference: dict[Hashable, list[int]] = {}
    refs = [references(item) for item in items]
    for index, item_refs in enumerate(refs):
        for ref in sorted(item_refs, key=repr):
            by_reference.setdefault(ref, []).append(index)
    slot = {
        ref: {index: n for n, index in enumerate(indices)} for ref, indices in by_reference.items()
    }
    result: dict[K, list[T]] = {}
    for index, item in enumerate(items):
        shared: dict[int, int] = {}
        for ref in refs[index]:
            indices, n = by_reference[ref], slot[ref][index]
            for other in indices[max(0, n - window) : n + window + 1]:
                if other != index:
                    shared[other] = shared.get(other, 0) + 1
        best = sorted(shared.items(), key=lambda pair: (-pair[1], abs(pair[0] - index), pair[0]))
        result[key(item)] = [items[other] for other, _ in best[:limit]]
    return result


def neighbours(index: int, ordered: Sequence[T]) -> tuple[T | None, T | None]:
    """(newer, older) neighbours of the item at `index` in a newest-first sequence."""
    newer = ordered[index - 1] if index > 0 else None
    older = ordered[index + 1] if index + 1 < len(ordered) else None
    return newer, older
