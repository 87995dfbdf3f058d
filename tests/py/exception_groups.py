# PEP 654: ExceptionGroup / BaseExceptionGroup construction, split/subgroup/derive, except*.


def show(f):
    try:
        r = f()
        print("ok", repr(r))
    except BaseException as e:
        print(type(e).__name__, e)


show(lambda: ExceptionGroup("x", []))
show(lambda: ExceptionGroup(1, [ValueError()]))
show(lambda: ExceptionGroup("x", 5))
show(lambda: ExceptionGroup("x", [1]))
show(lambda: ExceptionGroup("x", [KeyboardInterrupt()]))
show(lambda: ExceptionGroup("x"))
show(lambda: ExceptionGroup("x", (ValueError(1),)))
print(type(BaseExceptionGroup("b", [ValueError()])).__name__)
print(type(BaseExceptionGroup("b", [KeyboardInterrupt()])).__name__)
print(issubclass(ExceptionGroup, Exception), issubclass(BaseExceptionGroup, Exception))
print([c.__name__ for c in ExceptionGroup.__mro__])


class MyEG(ExceptionGroup):
    def derive(self, excs):
        return MyEG(self.message.upper(), excs)


show(lambda: MyEG("m", [KeyboardInterrupt()]))

eg = ExceptionGroup("m", [ValueError(1), TypeError(2), ExceptionGroup("n", [ValueError(3), KeyError(4)])])
print(eg.message, eg.exceptions)
print(str(eg), eg.args)
print(eg.split(ValueError))
print(eg.split((TypeError, KeyError)))
print(eg.split(lambda e: isinstance(e, ValueError) and e.args[0] == 3))
print(eg.subgroup(TypeError), eg.subgroup(OSError), eg.subgroup(lambda e: True) is eg)
print(eg.split(ExceptionGroup)[0] is eg)
show(lambda: eg.split(5))
m, r = MyEG("mine", [ValueError(1), OSError(2)]).split(OSError)
print(type(m).__name__, repr(m), type(r).__name__, repr(r))

# except*: each clause takes its part; what is left propagates.
def run(eg):
    try:
        try:
            raise eg
        except* ValueError as e:
            print("  ValueError part:", repr(e))
        except* TypeError as e:
            print("  TypeError part:", repr(e))
    except BaseException as e:
        print("  left:", repr(e))


run(ExceptionGroup("all", [ValueError(1), TypeError(2)]))
run(ExceptionGroup("some", [ValueError(1), OSError(2), ExceptionGroup("inner", [TypeError(3), OSError(4)])]))
run(ValueError("naked"))
run(OSError("naked and unmatched"))
run(BaseExceptionGroup("base", [ValueError(1), KeyboardInterrupt()]))

# A handler's own exception goes beside the rest, in a new group; a bare raise keeps the
# original's structure.
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])
    except* ValueError:
        raise RuntimeError("from handler")
    except* TypeError:
        raise
except ExceptionGroup as e:
    print(repr(e))
    print(repr(e.exceptions[0].__context__))

try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise
    except* TypeError:
        raise
except ExceptionGroup as e:
    print("both re-raised:", repr(e))

# else, finally, and a clause that matches nothing
for exc in [None, ExceptionGroup("g", [KeyError("k")])]:
    try:
        try:
            if exc:
                raise exc
        except* ValueError:
            print("no")
        except* KeyError as e:
            print("keys", e.exceptions)
        else:
            print("else")
        finally:
            print("finally")
    except Exception as e:
        print("escaped", repr(e))

for t in [ExceptionGroup, (ValueError, BaseExceptionGroup), 5]:
    try:
        try:
            raise ValueError
        except* t:
            pass
    except Exception as e:
        print(type(e).__name__, e)


def gen():
    for i in range(3):
        try:
            raise ExceptionGroup("loop", [ValueError(i)])
        except* ValueError as e:
            for x in e.exceptions:
                if x.args[0] == 1:
                    break
                print("item", x)
    return "done"


print(gen())
import sys
try:
    raise ExceptionGroup("info", [ValueError(1)])
except* ValueError:
    print("exc_info:", repr(sys.exc_info()[1]))
print("after", sys.exc_info())
