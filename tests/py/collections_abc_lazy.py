import collections
print(collections.abc.Mapping, isinstance({}, collections.abc.MutableMapping))
import collections.abc as cabc
print(cabc is collections.abc)
try:
    import collections.nope
except ImportError as e:
    print(type(e).__name__, e)
