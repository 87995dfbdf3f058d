# CPython's "RuntimeWarning: coroutine '...' was never awaited": printed when a coroutine
# that never ran is freed, at the line running then, once per location (warnings' default
# rule); a closed or awaited coroutine says nothing.
import asyncio


async def f():
    return 1


class C:
    async def m(self):
        pass


def g():
    c = f()
    return 1


g()
C().m()
for i in range(3):
    f()
x = f()
x = 1
c = f()
c.close()


async def main():
    asyncio.sleep(1)
    print("forgot to await")
    [f() for _ in range(2)]
    print(await f())

asyncio.run(main())
print("end")
