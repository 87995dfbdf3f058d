# list, set and frozenset subclasses: methods, operators (+= stays in place), overridden dunders, list.__len__(self), errors.
class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]

s = Stack([1, 2])
s.push(3)
print(s, s.peek(), len(s), s[0], s[1:], 2 in s, isinstance(s, list), type(s).__name__)
s += [4, 5]
print(s, type(s).__name__)
s *= 2
print(s, type(s).__name__)
t = s + [9]
print(t, type(t).__name__)
print([0] + s, s * 1, sorted(s, reverse=True), sum(s), max(s), list(reversed(s)))
s[0] = 100
del s[1]
s.sort()
print(s, s.pop(), s.index(4), s.count(5))
s.extend(range(2))
s.insert(0, -1)
print(s, s == [-1, 3, 3, 4, 4, 5, 5, 100, 0, 1], s < [0])
print(str(s), repr(s), f"{s}", "%s" % (s,))

class Logged(list):
    def __init__(self, name, items=()):
        super().__init__(items)
        self.name = name
    def append(self, x):
        print(f"{self.name}: append {x}")
        super().append(x)
    def __len__(self):
        return 42
    def __iter__(self):
        yield "custom"
    def __getitem__(self, i):
        return ("item", i)
    def __contains__(self, x):
        return x == "magic"

lg = Logged("L", [1, 2])
lg.append(3)
print(lg, len(lg), list(lg), lg[0], "magic" in lg, 1 in lg, lg.name)
print(list.__len__(lg), list.__getitem__(lg, 0))
try:
    hash(Stack())
except TypeError as e:
    print("TypeError:", e)
try:
    Stack(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    Stack()[5]
except IndexError as e:
    print("IndexError:", e)
try:
    Stack() + 1
except TypeError as e:
    print("TypeError:", e)
try:
    Stack.push(5, 1)
except AttributeError as e:
    print("AttributeError:", e)
class Tags(set):
    pass
tg = Tags("abca")
tg.add("z")
tg |= {"q"}
print(sorted(tg), type(tg).__name__, len(tg), "a" in tg, sorted(tg & {"a", "b"}), isinstance(tg, set))
fz = frozenset([1])
class FS(frozenset):
    pass
f = FS([1, 2])
print(sorted(f), f == frozenset([1, 2]), {f: 1}[frozenset([1, 2])], type(f).__name__)
x, *rest = Stack([1, 2, 3])
print(x, rest)
a, b = Stack([7, 8])
print(a, b, tuple(Stack([1])), set(Stack([1, 1])))
