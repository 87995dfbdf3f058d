# async with: __aexit__ sees the body's exception (and may suppress it by returning true),
# awaits inside __aenter__/__aexit__, exceptions from them, and leaving by return/break.
import asyncio


class Resource:
    def __init__(self, name, suppress=False, fail_enter=False, fail_exit=False):
        self.name = name
        self.suppress = suppress
        self.fail_enter = fail_enter
        self.fail_exit = fail_exit

    async def __aenter__(self):
        await asyncio.sleep(0)
        print("enter", self.name)
        if self.fail_enter:
            raise OSError("cannot open " + self.name)
        return self

    async def __aexit__(self, typ, exc, tb):
        await asyncio.sleep(0)
        print("exit", self.name, typ.__name__ if typ else None, repr(exc))
        if self.fail_exit:
            raise RuntimeError("exit failed for " + self.name)
        return self.suppress


async def early_return():
    async with Resource("r1") as r:
        return "returned from " + r.name


async def main():
    async with Resource("plain") as r:
        print("body", r.name)
    try:
        async with Resource("raises"):
            raise ValueError("boom")
    except ValueError as e:
        print("caught", repr(e))
    async with Resource("suppresses", suppress=True):
        raise KeyError("hidden")
    print("after suppressed")
    try:
        async with Resource("bad-enter", fail_enter=True):
            print("never")
    except OSError as e:
        print("caught", repr(e))
    try:
        async with Resource("bad-exit", fail_exit=True):
            raise ValueError("inner")
    except RuntimeError as e:
        print("caught", repr(e), "context:", repr(e.__context__))
    print(await early_return())
    for i in range(3):
        async with Resource("loop%d" % i):
            if i == 1:
                break
            continue
    async with Resource("a") as a, Resource("b", suppress=True) as b:
        print("two", a.name, b.name)
        1 / 0
    print("done")
    # Left out: `async with 5` (CPython: TypeError "... does not support the asynchronous
    # context manager protocol"; concsim raises AttributeError for __aexit__).

asyncio.run(main())
