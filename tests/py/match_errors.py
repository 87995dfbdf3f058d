# match statements: CPython's run-time errors of class patterns and mapping patterns.
class NoArgs:
    pass


class Bad:
    __match_args__ = ["a"]
    a = 1


class Two:
    __match_args__ = ("a",)
    a = 1


class NotStr:
    __match_args__ = (1,)


def attempt(label, f):
    try:
        print(label, f())
    except (TypeError, ValueError) as e:
        print(label, type(e).__name__, e)


def m1():
    match NoArgs():
        case NoArgs(1):
            return "matched"


def m2():
    match Bad():
        case Bad(1):
            return "matched"


def m3():
    match Two():
        case Two(1, 2):
            return "matched"


def m4():
    match Two():
        case Two(1, a=1):
            return "matched"


def m5():
    match 3:
        case len():
            return "matched"


def m6():
    match 3:
        case int(3, 4):
            return "matched"


def m7():
    match NotStr():
        case NotStr(1):
            return "matched"


def m8():
    key = "a"
    match {"a": 1}:
        case {"a": 1, **rest} if rest == {}:
            return "only a"


def m9():
    match NoArgs():
        case NoArgs(missing=1):
            return "matched"
        case _:
            return "no attribute: no match"


for i, f in enumerate([m1, m2, m3, m4, m5, m6, m7, m8, m9], 1):
    attempt(f"m{i}", f)
