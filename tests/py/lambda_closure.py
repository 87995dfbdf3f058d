# lambda and closures
square = lambda x: x * x
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2))
print((lambda: 'no args')())

def make_adder(n):
    def adder(x):
        return x + n
    return adder

add5 = make_adder(5)
add9 = make_adder(9)
print(add5(1), add9(1))

def counter():
    count = [0]
    def inc():
        count[0] += 1
        return count[0]
    return inc

c1 = counter()
c2 = counter()
print(c1(), c1(), c1(), c2())

fs = []
for i in range(3):
    fs.append(lambda i=i: i * 10)
print([f() for f in fs])

late = []
for i in range(3):
    late.append(lambda: i)
print([f() for f in late])

def compose(f, g):
    return lambda x: f(g(x))

inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))
pairs = [(1, 'one'), (3, 'three'), (2, 'two')]
pairs.sort(key=lambda p: p[1])
print(pairs)
