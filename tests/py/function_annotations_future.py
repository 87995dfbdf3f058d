# Under `from __future__ import annotations` annotations are kept as their source text.
from __future__ import annotations


def process(items: list[int], limit: Optional[int] = None) -> dict[str, int]:
    return {}


print(process.__annotations__)


def later(x: NotDefinedYet) -> None:
    pass


print(later.__annotations__)
