# itertools: the infinite iterators, the ones that consume their input lazily, the
# combinatoric ones, and tee; laziness shown by counting what was pulled.
import itertools
from itertools import (accumulate, chain, combinations, combinations_with_replacement, compress,
                       count, cycle, dropwhile, filterfalse, groupby, islice, pairwise,
                       permutations, product, repeat, starmap, takewhile, tee, zip_longest)
import operator

print(list(islice(count(), 5)), list(islice(count(10, 2.5), 3)), next(count(3)))
print(list(islice(cycle("ab"), 5)), list(repeat("x", 3)), list(zip(range(3), repeat(0))))
print(repr(count(5)), repr(count(1, 2)), repr(repeat(1, 2)))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], operator.mul)),
      list(accumulate([1, 2], initial=100)), list(accumulate([3, 1, 4, 1, 5], max)))
print(list(chain("ab", [1, 2], ())), list(chain.from_iterable(["xy", "z"])))
print(list(compress("abcdef", [1, 0, 1, 0, 1, 1])), list(dropwhile(lambda x: x < 3, [1, 2, 3, 1])),
      list(takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(filterfalse(lambda x: x % 2, range(6))))
print(list(starmap(pow, [(2, 3), (3, 2)])), list(pairwise("abcd")))
print(list(islice("abcdefg", 2)), list(islice("abcdefg", 2, 4)), list(islice("abcdefg", 1, None, 2)),
      list(islice(range(10), 0, 9, 3)))
for k, g in groupby("aaabbcaa"):
    print(k, list(g), end="; ")
print()
data = [("a", 1), ("a", 2), ("b", 3), ("c", 4), ("c", 5)]
print([(k, [v for _, v in g]) for k, g in groupby(data, key=operator.itemgetter(0))])
groups = groupby("aabb")
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))
a, b = tee(iter([1, 2, 3]))
print(list(a), list(b), len(tee("x", 3)))
print(list(zip_longest("abc", "x", fillvalue="-")), list(zip_longest()))
print(list(product("ab", range(2))), list(product([0, 1], repeat=2)))
print(list(permutations("abc", 2)), len(list(permutations(range(4)))))
print(list(combinations("abcd", 2)), list(combinations(range(3), 5)))
print(list(combinations_with_replacement("ab", 2)))

pulled = []


def source():
    return map(lambda x: pulled.append(x) or x, range(100))


it = islice(source(), 3)
print(next(it), pulled)
it = takewhile(lambda x: x < 2, source())
pulled.clear()
print(list(it), pulled)
try:
    islice("abc", -1)
except ValueError as e:
    print("ValueError:", e)
try:
    list(combinations("ab", -1))
except ValueError as e:
    print("ValueError:", e)
