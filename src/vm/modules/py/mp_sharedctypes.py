# multiprocessing.sharedctypes: shared values and arrays; they are multiprocessing's own (one
# kernel channel each, see multiprocessing.py). ctypes structures are not supported.

from multiprocessing import Value, Array, RawArray


def RawValue(typecode_or_type, *args):
    return Value(typecode_or_type, *args, lock=False)
