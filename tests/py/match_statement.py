# match statements (PEP 634): every kind of pattern, guards, captures, or-patterns, classes
# with __match_args__, builtin classes matching themselves, mappings with **rest, sequences
# with a star, and the order cases are tried in.
from dataclasses import dataclass
from collections import deque


@dataclass
class Point:
    x: int
    y: int


class Job:
    __match_args__ = ("name", "prio")

    def __init__(self, name, prio):
        self.name = name
        self.prio = prio

    def __repr__(self):
        return f"Job({self.name!r})"


def describe(cmd):
    match cmd:
        case None:
            return "nothing"
        case True:
            return "yes"
        case 0 | 1 as bit:
            return f"bit {bit}"
        case int(n) if n < 0:
            return f"negative {n}"
        case int() | float() as num:
            return f"number {num}"
        case "quit" | "exit":
            return "bye"
        case str(s) if s.startswith("go "):
            return f"going {s[3:]}"
        case str():
            return f"word {cmd!r}"
        case []:
            return "empty list"
        case [x]:
            return f"one {x}"
        case [first, *middle, last]:
            return f"first {first} middle {middle} last {last}"
        case {"action": "move", "to": [x, y], **rest}:
            return f"move to {x},{y} rest {rest}"
        case {"action": action}:
            return f"action {action}"
        case Point(x=0, y=0):
            return "origin"
        case Point(x=0, y=y):
            return f"on the y axis at {y}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Job(name, prio=3):
            return f"urgent job {name}"
        case Job(name, p):
            return f"job {name} ({p})"
        case (a, b):
            return f"pair {a} {b}"
        case _:
            return f"other {type(cmd).__name__}"


for c in [None, True, 0, 1, -5, 7, 2.5, "quit", "go north", "hello", [], [9], [1, 2, 3, 4],
          (1, 2), deque([1, 2]), {"action": "move", "to": [3, 4], "speed": 2},
          {"action": "stop"}, Point(0, 0), Point(0, 5), Point(2, 2), Point(1, 2),
          Job("backup", 3), Job("mail", 1), {1, 2}, b"xy", "ab"]:
    print(repr(c)[:40], "->", describe(c))

# Captures stay bound after the match, the subject is evaluated once.
calls = []


def subject():
    calls.append(1)
    return {"k": [1, (2, 3)]}


match subject():
    case {"k": [a, (b, c)]}:
        print("nested", a, b, c)
print("evaluated", len(calls), "time(s)")

# Value patterns with dotted names; a mapping pattern ignores the other keys.
class Color:
    RED = "red"
    GREEN = "green"


for col in ["red", "green", "blue"]:
    match col:
        case Color.RED:
            print("stop")
        case Color.GREEN:
            print("go")
        case other:
            print("unknown", other)


match {"a": 1, "c": 2}:
    case {"b": v}:
        print("found b", v)
    case {"a": v}:
        print("found a", v)

# A match inside a function and a loop: break and return from a case.
def first_even(items):
    for item in items:
        match item:
            case int(n) if n % 2 == 0:
                return n
            case "stop":
                break
    return None


print(first_even([1, 3, 8, 5]), first_even([1, "stop", 4]))
