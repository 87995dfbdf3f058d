# An unknown \N{...} name: CPython 3.11 reports the bytes of the escape in the literal.
print("ab\N{BULLET}c\N{NO SUCH NAME}" "d")
