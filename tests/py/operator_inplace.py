# operator exposes CPython 3.11's names: the in-place functions (imatmul too), matmul, and the
# dunder aliases; a manager's proxy of the module lists them (public names, sorted).
import operator


class M:
    def __init__(self, v):
        self.v = v

    def __matmul__(self, o):
        return M(self.v * o.v)

    def __imatmul__(self, o):
        self.v = self.v * o.v + 1
        return self

    def __repr__(self):
        return "M(%r)" % self.v


print(operator.matmul(M(2), M(3)), operator.imatmul(M(2), M(3)), operator.__imatmul__(M(1), M(1)))
print(operator.iadd([1], [2]), operator.__iadd__(1, 2), operator.__call__(len, "abc"))
print(sorted(operator.__all__) == sorted(operator.__all__), len(operator.__all__))
print([n for n in operator.__all__ if n.startswith("i")])
print([n for n in dir(operator) if n.startswith("__i")])
print("matmul" in operator.__all__, operator.__matmul__ is operator.matmul)
