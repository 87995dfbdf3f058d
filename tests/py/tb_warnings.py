import warnings
import sys

def old_api(x):
    warnings.warn("old_api is deprecated, use new_api", DeprecationWarning, stacklevel=2)
    return x * 2

def check(n):
    if n < 0:
        warnings.warn("negative value %d" % n)
    return abs(n)

for i in range(3):
    check(-i)          # one warning: same location each time
print(old_api(21))
print(old_api(1))
warnings.warn("a runtime problem", RuntimeWarning)
warnings.warn(UserWarning("an instance"))
warnings.warn("future", FutureWarning)

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    check(-5)
    check(-5)
    old_api(3)
    print(len(w), [str(x.message) for x in w])
    print([x.category.__name__ for x in w], w[0].lineno, w[0].filename.split("/")[-1])
    print(w[2].lineno)

with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        check(-7)
    except UserWarning as e:
        print("raised:", type(e).__name__, e)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    check(-8)
    print("ignored")

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    warnings.filterwarnings("ignore", message="negative")
    check(-9)
    warnings.warn("kept")
    warnings.filterwarnings("error", category=RuntimeWarning)
    try:
        warnings.warn("boom", RuntimeWarning)
    except RuntimeWarning as e:
        print("raised", repr(e))
    print([str(x.message) for x in w])

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("once")
    for i in range(3):
        warnings.warn("once only")
    warnings.simplefilter("module")
    print(len(w))

try:
    warnings.warn("bad", "notacategory")
except TypeError as e:
    print("TypeError:", e)
try:
    warnings.simplefilter("sometimes")
except AssertionError as e:
    print("AssertionError:", e)

def show(message, category, filename, lineno, file=None, line=None):
    print("custom:", category.__name__, message, lineno)
old = warnings.showwarning
warnings.showwarning = show
warnings.warn("via custom hook")
warnings.showwarning = old
print(warnings.formatwarning("msg", UserWarning, "f.py", 3, "  x = 1  "), end="")
warnings.resetwarnings()
warnings.warn("after reset, deprecated", DeprecationWarning)
sys.stderr.flush()
print("end")
