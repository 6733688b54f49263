"""Survey answers kept as a tally: each distinct answer with how many gave it. Rating
scales have a handful of values, so ten million answers take a few hundred bytes, and
every statistic (mean, spread, shares) is exact. A `Tally` also reads like the sequence
of answers it counts (`len`, iteration, `sum`), for code that wants the answers one by
one."""

from __future__ import annotations

import math
from typing import Iterable, Iterator


class Tally(dict):
    """value -> how many answers gave it."""

    __slots__ = ()

    @classmethod
    def of(cls, values: Iterable[float]) -> "Tally":
        out = cls()
        for v in values:
            out[float(v)] = out.get(float(v), 0) + 1
        return out

    def add(self, value: float, times: int = 1) -> None:
        self[value] = self.get(value, 0) + times

    def merge(self, other: "Tally") -> None:
        for v, c in other.items():
            self[v] = self.get(v, 0) + c

    def __len__(self) -> int:  # the number of answers, not of distinct values
        return sum(self.values())

    def __iter__(self) -> Iterator[float]:  # every answer, in increasing order
        for v in sorted(self.keys()):
            for _ in range(dict.__getitem__(self, v)):
                yield v

    def __bool__(self) -> bool:
        return any(self.values())

    def __eq__(self, other) -> bool:
        if isinstance(other, dict):
            return dict.__eq__(self, other)
        try:
            return sorted(self) == sorted(other)
        except TypeError:
            return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    @property
    def n(self) -> int:
        return sum(self.values())

    @property
    def distinct(self) -> list[float]:
        return sorted(dict.keys(self))

    def total(self) -> float:
        return math.fsum(v * c for v, c in self.items())

    def mean(self) -> float:
        return self.total() / self.n

    def var(self) -> float:
        """The sample variance (n - 1); 0 with one answer."""
        n = self.n
        if n < 2:
            return 0.0
        m = self.mean()
        return math.fsum(c * (v - m) ** 2 for v, c in self.items()) / (n - 1)

    def share(self, test) -> float:
        """The share of answers whose value passes `test`."""
        n = self.n
        return sum(c for v, c in self.items() if test(v)) / n if n else 0.0

    def count_if(self, test) -> int:
        return sum(c for v, c in self.items() if test(v))
