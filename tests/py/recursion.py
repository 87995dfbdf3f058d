# recursion: factorial, fibonacci, hanoi, mutual recursion
def fact(n):
    if n == 1:
        return 1
    return n * fact(n - 1)

print(fact(1), fact(5), fact(50))

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print([fib(i) for i in range(15)])

moves = []
def hanoi(n, a, b, c):
    if n == 1:
        moves.append(a + '-->' + c)
        return
    hanoi(n - 1, a, c, b)
    hanoi(1, a, b, c)
    hanoi(n - 1, b, a, c)

hanoi(3, 'A', 'B', 'C')
print(len(moves), moves)

def is_even(n):
    return True if n == 0 else is_odd(n - 1)

def is_odd(n):
    return False if n == 0 else is_even(n - 1)

print(is_even(10), is_odd(7), is_even(7))

def flatten(x):
    if isinstance(x, list):
        out = []
        for item in x:
            out.extend(flatten(item))
        return out
    return [x]

print(flatten([1, [2, [3, [4, [5]]]], 6]))
