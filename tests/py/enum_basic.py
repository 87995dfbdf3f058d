# The enum module: Enum, auto, unique, lookups by value and name, iteration, aliases.
import enum
from enum import Enum, auto, unique


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

    def describe(self):
        return f"{self.name} is {self.value}"

    @classmethod
    def default(cls):
        return cls.GREEN


print(Color, repr(Color), Color.RED, repr(Color.RED), Color(2), Color["BLUE"])
print(list(Color), len(Color), [c.name for c in Color])
print(Color.RED in Color, f"{Color.RED}", "{}".format(Color.GREEN), f"[{Color.RED:>12}]")
print(Color.RED.name, Color.RED.value, Color.__members__)
print(Color.RED.describe(), Color.default(), type(Color.RED).__name__, isinstance(Color.RED, Color))
print(Color.RED == Color.RED, Color.RED == 1, Color.RED is Color(1), str(Color.BLUE))
print(type(Color).__name__, isinstance(Color, enum.EnumMeta), Color.RED is Color.RED)
print({Color.RED: "stop", Color.GREEN: "go"}[Color(1)])
try:
    Color.RED in Shape
except NameError as e:
    print("NameError:", e)
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
try:
    Color["PURPLE"]
except KeyError as e:
    print("KeyError:", e)


class State(Enum):
    IDLE = auto()
    RUNNING = auto()
    DONE = auto()


print([(s.name, s.value) for s in State], State(3))


class Shape(Enum):
    SQUARE = 2
    DIAMOND = 1
    CIRCLE = 3
    ALIAS_FOR_SQUARE = 2


print(list(Shape), Shape.ALIAS_FOR_SQUARE, Shape(2), Shape["ALIAS_FOR_SQUARE"] is Shape.SQUARE)
try:
    unique(Shape)
except ValueError as e:
    print("ValueError:", e)


@unique
class Mistake(Enum):
    ONE = 1
    TWO = 2


print(Mistake.TWO)


class Planet(Enum):
    MERCURY = (3.303e23, 2.4397e6)
    EARTH = (5.976e24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius


print(Planet.EARTH.mass, Planet.MERCURY.value, Planet.EARTH)

Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value, Animal(3))

try:
    class More(Color):
        PINK = 4
except TypeError as e:
    print("TypeError:", e)

# Members as thread states, compared by identity.
import threading

status = {}


def worker(n):
    status[n] = State.RUNNING
    status[n] = State.DONE


threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(all(s is State.DONE for s in status.values()), sorted(status))
