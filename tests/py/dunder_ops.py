# operator overloading with dunder methods
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)
    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __eq__(self, other):
        return isinstance(other, Vec) and self.x == other.x and self.y == other.y
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __contains__(self, v):
        return v == self.x or v == self.y
    def __bool__(self):
        return self.x != 0 or self.y != 0
    def __repr__(self):
        return 'Vec(%r, %r)' % (self.x, self.y)

a = Vec(1, 2)
b = Vec(3, 4)
print(a + b, b - a, a * 3, a == Vec(1, 2), a != b, a == 'x')
print(len(a), a[0], a[1], 2 in a, 5 in a, bool(Vec(0, 0)), bool(a))
print(sorted([b, a, Vec(0, 9)]), a < b)
if not Vec(0, 0):
    print('zero vector is falsy')
c = a
c += b
print(c, a)

class Box:
    def __init__(self):
        self.data = {}
    def __setitem__(self, k, v):
        self.data[k] = v
    def __getitem__(self, k):
        return self.data[k]
    def __delitem__(self, k):
        del self.data[k]

box = Box()
box['a'] = 1
box['b'] = 2
del box['a']
print(box.data, box['b'])

class Money:
    def __init__(self, cents):
        self.cents = cents
    def __str__(self):
        return '$%d.%02d' % (self.cents // 100, self.cents % 100)
    def __call__(self, extra):
        return Money(self.cents + extra)

m = Money(1234)
print(m, m(66), str(m(1)))
