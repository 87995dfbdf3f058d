# Async generators (PEP 525), async for, async comprehensions, asend/athrow/aclose and
# their error paths, on asyncio's loop.
import asyncio


async def ticker(n, delay):
    """Yields 0..n-1, awaiting between items (the awaits go to the event loop)."""
    try:
        for i in range(n):
            await asyncio.sleep(delay)
            yield i
    finally:
        print("ticker cleanup", n)


class Countdown:
    """A class-based async iterator."""

    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n <= 0:
            raise StopAsyncIteration
        await asyncio.sleep(0)
        self.n -= 1
        return self.n


async def echo():
    received = []
    try:
        while True:
            try:
                v = yield len(received)
            except ValueError as e:
                print("echo caught", repr(e))
                v = "recovered"
            received.append(v)
    except GeneratorExit:
        print("echo closing with", received)
        await asyncio.sleep(0)
        print("echo closed after an await")
        raise


async def bad_stop():
    yield 1
    raise StopAsyncIteration


async def bad_stop_iteration():
    yield 1
    raise StopIteration("x")


async def ignores_exit():
    try:
        yield 1
    except GeneratorExit:
        yield 2


async def body_raises():
    yield 1
    raise KeyError("k")


async def main():
    g = ticker(3, 0.01)
    print(type(g).__name__, g.__aiter__() is g, repr(g).startswith("<async_generator object ticker at"))
    async for x in g:
        print("tick", x)
    else:
        print("for-else ran")
    print([x async for x in ticker(4, 0)])
    print({x: x * x async for x in Countdown(3)})
    print(sorted({x async for x in Countdown(2)}))
    print([x async for x in ticker(5, 0) if x % 2])

    async def double(x):
        await asyncio.sleep(0)
        return 2 * x

    print([await double(x) for x in range(3)])
    print([await double(x) async for x in Countdown(3)])
    gen_exp = (await double(x) for x in range(3))
    print(type(gen_exp).__name__, [v async for v in gen_exp])

    # break out of async for: the generator stays suspended.
    g = ticker(10, 0)
    async for x in g:
        if x == 2:
            break
    print("broke at", x)
    print("aclose ->", await g.aclose())
    print("aclose again ->", await g.aclose())

    # asend / athrow
    e = echo()
    print("first", await e.asend(None))
    print("sent a", await e.asend("a"))
    print("athrow", await e.athrow(ValueError("bad")))
    print("sent b", await e.asend("b"))
    await e.aclose()
    try:
        await e.asend("c")
    except StopAsyncIteration:
        print("asend after close: StopAsyncIteration")

    # anext awaitable driven by hand
    g = ticker(1, 0)
    a = g.__anext__()
    print(type(a).__name__, await a)
    try:
        await a
    except RuntimeError as err:
        print("RuntimeError:", err)
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted")

    # errors out of async generators
    for agen in (bad_stop, bad_stop_iteration):
        g = agen()
        try:
            async for x in g:
                print(agen.__name__, "gave", x)
        except RuntimeError as err:
            print("RuntimeError:", err, "| cause:", repr(err.__cause__))
    g = ignores_exit()
    await g.__anext__()
    try:
        await g.aclose()
    except RuntimeError as err:
        print("RuntimeError:", err)
    try:
        async for x in body_raises():
            print("got", x)
    except KeyError as err:
        print("KeyError", err)

    # two __anext__() at once
    g = ticker(2, 0.01)
    t1 = asyncio.ensure_future(g.__anext__())
    await asyncio.sleep(0)
    try:
        await g.__anext__()
    except RuntimeError as err:
        print("RuntimeError:", err)
    print("first anext gave", await t1)
    await g.aclose()

    # type errors
    for bad in (5, object()):
        try:
            async for x in bad:
                pass
        except TypeError as err:
            print("TypeError:", err)

    class NoNext:
        def __aiter__(self):
            return 42

    try:
        async for x in NoNext():
            pass
    except TypeError as err:
        print("TypeError:", err)

    class BadNext:
        def __aiter__(self):
            return self

        def __anext__(self):
            return 7

    try:
        async for x in BadNext():
            pass
    except TypeError as err:
        print("TypeError:", err)
    try:
        for x in ticker(1, 0):
            pass
    except TypeError as err:
        print("TypeError:", err)


asyncio.run(main())
