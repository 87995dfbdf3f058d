def numbers():
    yield 1
    yield 2
    raise ValueError("no more numbers")

def consume():
    total = 0
    for n in numbers():
        total += n
    return total

def relay():
    result = yield from numbers()
    return result

g = relay()
print(next(g), next(g))
try:
    next(g)
except ValueError as e:
    print("relayed:", e)
t = numbers()
next(t)
try:
    t.throw(KeyError("k"))
except KeyError as e:
    print("thrown back:", repr(e))
print(consume())
