# IntEnum / IntFlag members behave as ints (issue 16).
from enum import IntEnum, IntFlag, Enum


class Prio(IntEnum):
    LOW = 1
    MID = 5
    HIGH = 10


print(Prio.LOW + 1, Prio.HIGH * 2, Prio.MID - Prio.LOW, Prio.HIGH // 3, Prio.HIGH / 4, -Prio.MID)
print(Prio.LOW < Prio.HIGH, Prio.MID == 5, 5 == Prio.MID, Prio.LOW < 2, sorted([Prio.HIGH, 3, Prio.LOW]))
print(str(Prio.MID), repr(Prio.MID), f"{Prio.MID}", "%d" % Prio.MID, "{}".format(Prio.HIGH), format(Prio.LOW, '03d'))
print(int(Prio.HIGH), float(Prio.LOW), isinstance(Prio.LOW, int), hash(Prio.MID) == hash(5))
print({5: 'five'}[Prio.MID], {Prio.MID: 'x'}[5], [10, 20, 30, 40, 50, 60][Prio.MID], Prio(10), Prio['LOW'])
print(max(Prio), min(Prio.HIGH, 7), sum(Prio), abs(Prio.LOW), Prio.HIGH % 3, Prio.LOW << 2, Prio.HIGH & 3)
print(Prio.MID.value, Prio.MID.name, type(Prio.LOW + 1).__name__, bool(Prio.LOW), round(Prio.MID))
print(list(range(Prio.MID)), "ab" * Prio.LOW, Prio.LOW in {1, 2}, divmod(Prio.HIGH, 3), pow(Prio.MID, 2))
print(Prio.HIGH.bit_length(), Prio.MID.to_bytes(2, 'big'), hex(Prio.HIGH), bin(Prio.LOW))
print(str(Prio.LOW) == '1', f"{Prio.LOW!r}", f"{Prio.LOW:>4}")


class Perm(IntFlag):
    R = 4
    W = 2
    X = 1


rw = Perm.R | Perm.W
print(rw, repr(rw), int(rw), rw & Perm.W, Perm.W in rw, Perm.X in rw, rw + 1, str(Perm.R), repr(Perm.X))


class Color(Enum):
    RED = 1


print(str(Color.RED), repr(Color.RED), f"{Color.RED}", Color.RED == 1)
try:
    Prio(7)
except ValueError as e:
    print(e)
from enum import Flag, StrEnum, auto


class P(Flag):
    R = auto()
    W = auto()
    X = auto()


print(repr(P(0)), str(P(0)), repr(~P.R), str(~P.R), bool(P(0)), list(P.R | P.X), str(P.R | P.W))
print(P.R | P.W is P(3), P.R in P.R | P.W, len(P.R | P.W), list(P), repr(P.R ^ P.W), format(P.R))
print(repr(~Perm(0)), f'{Perm.R | Perm.W}', Perm.R | 1, type(Perm.R | 1).__name__)
try:
    Perm.R | 'x'
except TypeError as e:
    print(e)


class S(StrEnum):
    A = auto()
    B = 'bee'


print(S.A, repr(S.A), S.A == 'a', S.B.upper(), f'{S.B}', S('bee'), isinstance(S.A, str), S.A + '!')


class Level(IntEnum):
    DEBUG = auto()
    INFO = auto()


print(Level.DEBUG, repr(Level.INFO), Level.INFO > Level.DEBUG, list(Level), Level.INFO.name)


class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius


print(Planet.EARTH.mass, Planet.EARTH.value)
