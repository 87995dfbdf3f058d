class T:
    def __init__(self): self.a = 1
print(vars(T()), "{x} and {y!r}".format_map({"x": 1, "y": "z"}))
try:
    vars(1)
except TypeError as e:
    print(e)
