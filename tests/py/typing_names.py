# The typing module: annotations' names, subscripted aliases, TypeVar, NewType, cast,
# Generic classes, and NamedTuple classes.
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Generic, List, NamedTuple, NewType, Optional, Tuple, TypeVar, Union, cast
import typing

print(List[int], Optional[int], Union[int, str], Dict[str, int], Callable[[int], str], Any, List, Tuple[int, ...])
print(Union[str, None], typing.Deque[int], List[int] == List[int])

T = TypeVar("T")
UserId = NewType("UserId", int)
print(T, UserId(5), cast(int, "not checked"))


class Box(Generic[T]):
    def __init__(self, item: T):
        self.item = item


print(Box[int](3).item, type(Box(4)).__name__)


class Point(NamedTuple):
    x: int
    y: int = 0

    def total(self):
        return self.x + self.y


p = Point(1)
print(p, Point(1, 2).total(), Point._fields, p.x, p._replace(y=5))


@dataclass
class Job:
    name: str
    deps: List[str] = field(default_factory=list)
    owner: Optional[str] = None
    handler: Callable[[int], int] = abs


print(Job("a"), Job("b", ["a"]).deps)


def worker(items: List[int], results: Dict[int, int]) -> None:
    for i in items:
        results[i] = i * i


out: Dict[int, int] = {}
worker([1, 2, 3], out)
print(out, typing.TYPE_CHECKING)
try:
    List()
except TypeError as e:
    print("TypeError:", e)
