# Functions carry __annotations__, evaluated when the def runs (CPython 3.11), in parameter
# order then 'return'; a function without annotations has an empty dict; __dict__ hides it.
from typing import List, Optional


def transfer(src: str, dst: str, amount: int = 0, *rest: float, note: Optional[str] = None,
             **extra: bool) -> bool:
    return True


print(transfer.__annotations__)


def plain(a, b=1):
    pass


print(plain.__annotations__, plain.__dict__)
plain.__annotations__["a"] = int
print(plain.__annotations__)


def worker(jobs: List[int]) -> None:
    pass


print(worker.__annotations__["jobs"], worker.__annotations__["return"])
print(vars(worker))


class Account:
    def deposit(self, amount: float) -> "Account":
        return self


print(Account.deposit.__annotations__)
order = []


def note(x):
    order.append(x)
    return x


def f(a: note("a"), b: note("b")) -> note("ret"):
    pass


print(order)
try:
    def g(x: UndefinedName):
        pass
except NameError as e:
    print("NameError:", e)
