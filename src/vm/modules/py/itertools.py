# concsim's itertools: CPython 3.11's iterator building blocks as iterator classes (count,
# cycle, repeat, accumulate, chain, compress, dropwhile, filterfalse, groupby, islice,
# pairwise, starmap, takewhile, tee, zip_longest, product, permutations, combinations,
# combinations_with_replacement).
# Invariant: each is lazy like CPython's (it pulls from its input only as far as asked),
# yields the same items in the same order, and raises CPython's messages; they are written
# without generators so they run on every version of the VM.

__all__ = ['accumulate', 'chain', 'combinations', 'combinations_with_replacement', 'compress',
           'count', 'cycle', 'dropwhile', 'filterfalse', 'groupby', 'islice', 'pairwise',
           'permutations', 'product', 'repeat', 'starmap', 'takewhile', 'tee', 'zip_longest']


class _Iterator:
    def __iter__(self):
        return self

    def __reduce__(self):
        raise TypeError("cannot pickle '%s' object" % type(self).__name__)


class count(_Iterator):
    def __init__(self, start=0, step=1):
        if not isinstance(start, (int, float)) or not isinstance(step, (int, float)):
            raise TypeError("a number is required")
        self._n = start
        self._step = step

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        if self._step == 1 and not isinstance(self._step, float):
            return 'count(%r)' % (self._n,)
        return 'count(%r, %r)' % (self._n, self._step)


class cycle(_Iterator):
    def __init__(self, iterable):
        self._it = iter(iterable)
        self._saved = []
        self._index = -1

    def __next__(self):
        if self._index < 0:
            try:
                x = next(self._it)
                self._saved.append(x)
                return x
            except StopIteration:
                if not self._saved:
                    raise
                self._index = 0
        x = self._saved[self._index]
        self._index = (self._index + 1) % len(self._saved)
        return x


class repeat(_Iterator):
    def __init__(self, object, times=None):
        self._object = object
        self._times = times

    def __next__(self):
        if self._times is None:
            return self._object
        if self._times <= 0:
            raise StopIteration
        self._times -= 1
        return self._object

    def __len__(self):
        raise TypeError("object of type 'itertools.repeat' has no len()")

    def __repr__(self):
        if self._times is None:
            return 'repeat(%r)' % (self._object,)
        return 'repeat(%r, %d)' % (self._object, max(self._times, 0))


def _add(a, b):
    return a + b


class accumulate(_Iterator):
    def __init__(self, iterable, func=None, *, initial=None):
        self._it = iter(iterable)
        self._func = _add if func is None else func
        self._total = initial
        self._started = initial is not None
        self._pending_initial = initial is not None

    def __next__(self):
        if self._pending_initial:
            self._pending_initial = False
            return self._total
        x = next(self._it)
        if not self._started:
            self._started = True
            self._total = x
        else:
            self._total = self._func(self._total, x)
        return self._total


class chain(_Iterator):
    def __init__(self, *iterables):
        self._sources = iter(iterables)
        self._active = None

    @classmethod
    def from_iterable(cls, iterables):
        c = cls()
        c._sources = iter(iterables)
        return c

    def __next__(self):
        while True:
            if self._active is None:
                self._active = iter(next(self._sources))
            try:
                return next(self._active)
            except StopIteration:
                self._active = None


class compress(_Iterator):
    def __init__(self, data, selectors):
        self._data = iter(data)
        self._selectors = iter(selectors)

    def __next__(self):
        while True:
            d = next(self._data)
            s = next(self._selectors)
            if s:
                return d


class dropwhile(_Iterator):
    def __init__(self, predicate, iterable):
        self._pred = predicate
        self._it = iter(iterable)
        self._dropping = True

    def __next__(self):
        if self._dropping:
            while True:
                x = next(self._it)
                if not self._pred(x):
                    self._dropping = False
                    return x
        return next(self._it)


class takewhile(_Iterator):
    def __init__(self, predicate, iterable):
        self._pred = predicate
        self._it = iter(iterable)
        self._done = False

    def __next__(self):
        if self._done:
            raise StopIteration
        x = next(self._it)
        if self._pred(x):
            return x
        self._done = True
        raise StopIteration


class filterfalse(_Iterator):
    def __init__(self, predicate, iterable):
        self._pred = bool if predicate is None else predicate
        self._it = iter(iterable)

    def __next__(self):
        while True:
            x = next(self._it)
            if not self._pred(x):
                return x


class starmap(_Iterator):
    def __init__(self, function, iterable):
        self._func = function
        self._it = iter(iterable)

    def __next__(self):
        return self._func(*next(self._it))


class islice(_Iterator):
    def __init__(self, iterable, *args):
        s = slice(*args)
        start, stop, step = s.start or 0, s.stop, 1 if s.step is None else s.step
        for v in (start, stop):
            if v is not None and (not isinstance(v, int) or v < 0):
                what = "Stop argument" if len(args) == 1 else "Indices"
                raise ValueError(what + " for islice() must be None or an integer: "
                                 "0 <= x <= sys.maxsize.")
        if not isinstance(step, int) or step <= 0:
            raise ValueError("Step for islice() must be a positive integer or None.")
        self._it = iter(iterable)
        self._next = start
        self._stop = stop
        self._step = step
        self._pos = 0

    def __next__(self):
        if self._stop is not None and self._next >= self._stop:
            # Consume up to stop like CPython does, then stop.
            while self._pos < self._stop:
                try:
                    next(self._it)
                except StopIteration:
                    break
                self._pos += 1
            raise StopIteration
        while self._pos < self._next:
            next(self._it)
            self._pos += 1
        x = next(self._it)
        self._pos += 1
        self._next += self._step
        return x


class pairwise(_Iterator):
    def __init__(self, iterable):
        self._it = iter(iterable)
        self._prev = None
        self._started = False

    def __next__(self):
        if not self._started:
            self._prev = next(self._it)
            self._started = True
        x = next(self._it)
        pair = (self._prev, x)
        self._prev = x
        return pair


class _Grouper(_Iterator):
    def __init__(self, parent, key):
        self._parent = parent
        self._key = key

    def __next__(self):
        p = self._parent
        if p._currgroup is not self:
            raise StopIteration
        if p._exhausted_group:
            raise StopIteration
        value = p._currvalue
        p._advance()
        if p._exhausted or p._currkey != self._key:
            p._exhausted_group = True
        return value


class groupby(_Iterator):
    def __init__(self, iterable, key=None):
        self._keyfunc = (lambda x: x) if key is None else key
        self._it = iter(iterable)
        self._exhausted = False
        self._currgroup = None
        self._exhausted_group = True
        self._tgtkey = object()
        self._primed = False
        self._currkey = None
        self._currvalue = None

    def _advance(self):
        try:
            self._currvalue = next(self._it)
        except StopIteration:
            self._exhausted = True
            return
        self._currkey = self._keyfunc(self._currvalue)

    def __next__(self):
        if not self._primed:
            self._primed = True
            self._advance()
        if self._currgroup is not None:
            # Skip what is left of the current group.
            while not self._exhausted and self._currkey == self._tgtkey:
                self._advance()
        if self._exhausted:
            raise StopIteration
        self._tgtkey = self._currkey
        self._exhausted_group = False
        grouper = _Grouper(self, self._tgtkey)
        self._currgroup = grouper
        return (self._currkey, grouper)


class _TeeData:
    def __init__(self, it):
        self.it = it
        self.items = []


class _Tee(_Iterator):
    def __init__(self, data, index=0):
        self._data = data
        self._index = index

    def __next__(self):
        d = self._data
        if self._index < len(d.items):
            x = d.items[self._index]
        else:
            x = next(d.it)
            d.items.append(x)
        self._index += 1
        return x

    def __copy__(self):
        return _Tee(self._data, self._index)


def tee(iterable, n=2):
    if not isinstance(n, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(n).__name__)
    if n < 0:
        raise ValueError("n must be >= 0")
    if isinstance(iterable, _Tee):
        return tuple([iterable] + [iterable.__copy__() for _ in range(n - 1)]) if n else ()
    data = _TeeData(iter(iterable))
    return tuple([_Tee(data) for _ in range(n)])


class zip_longest(_Iterator):
    def __init__(self, *iterables, fillvalue=None):
        self._its = [iter(it) for it in iterables]
        self._fill = fillvalue
        self._active = len(self._its)

    def __next__(self):
        if not self._its or self._active == 0:
            raise StopIteration
        values = []
        for i, it in enumerate(self._its):
            if it is None:
                values.append(self._fill)
                continue
            try:
                values.append(next(it))
            except StopIteration:
                self._active -= 1
                if self._active == 0:
                    raise
                self._its[i] = None
                values.append(self._fill)
        return tuple(values)


class _FromList(_Iterator):
    # An iterator over a list computed when the iterator is made (product and the
    # combinatoric iterators consume their inputs up front, as CPython's do).
    def __init__(self, items):
        self._items = items
        self._i = 0

    def __next__(self):
        if self._i >= len(self._items):
            raise StopIteration
        x = self._items[self._i]
        self._i += 1
        return x


class product(_FromList):
    def __init__(self, *iterables, repeat=1):
        if repeat < 0:
            raise ValueError("repeat argument cannot be negative")
        pools = [tuple(pool) for pool in iterables] * repeat
        result = [[]]
        for pool in pools:
            result = [x + [y] for x in result for y in pool]
        _FromList.__init__(self, [tuple(prod) for prod in result])


class permutations(_FromList):
    def __init__(self, iterable, r=None):
        pool = tuple(iterable)
        n = len(pool)
        r = n if r is None else r
        if r < 0:
            raise ValueError("r must be non-negative")
        out = []
        if r <= n:
            indices = list(range(n))
            cycles = list(range(n, n - r, -1))
            out.append(tuple([pool[i] for i in indices[:r]]))
            while n:
                for i in reversed(range(r)):
                    cycles[i] -= 1
                    if cycles[i] == 0:
                        indices[i:] = indices[i + 1:] + indices[i:i + 1]
                        cycles[i] = n - i
                    else:
                        j = cycles[i]
                        indices[i], indices[-j] = indices[-j], indices[i]
                        out.append(tuple([pool[i] for i in indices[:r]]))
                        break
                else:
                    break
        _FromList.__init__(self, out)


class combinations(_FromList):
    def __init__(self, iterable, r):
        pool = tuple(iterable)
        n = len(pool)
        if r < 0:
            raise ValueError("r must be non-negative")
        out = []
        if r <= n:
            indices = list(range(r))
            out.append(tuple([pool[i] for i in indices]))
            while True:
                for i in reversed(range(r)):
                    if indices[i] != i + n - r:
                        break
                else:
                    break
                indices[i] += 1
                for j in range(i + 1, r):
                    indices[j] = indices[j - 1] + 1
                out.append(tuple([pool[i] for i in indices]))
        _FromList.__init__(self, out)


class combinations_with_replacement(_FromList):
    def __init__(self, iterable, r):
        pool = tuple(iterable)
        n = len(pool)
        if r < 0:
            raise ValueError("r must be non-negative")
        out = []
        if n or not r:
            indices = [0] * r
            out.append(tuple([pool[i] for i in indices]))
            while True:
                for i in reversed(range(r)):
                    if indices[i] != n - 1:
                        break
                else:
                    break
                indices[i:] = [indices[i] + 1] * (r - i)
                out.append(tuple([pool[i] for i in indices]))
        _FromList.__init__(self, out)
