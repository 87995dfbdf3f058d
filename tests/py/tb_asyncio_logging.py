# With logging configured, asyncio logs to the "asyncio" logger: the selector it uses at
# DEBUG, and what reaches the loop's default exception handler (with its traceback) at ERROR.
import asyncio
import logging

logging.basicConfig(level=logging.DEBUG, format="%(levelname)s:%(name)s:%(message)s")


async def main():
    loop = asyncio.get_running_loop()
    print(type(loop).__name__, isinstance(loop, asyncio.AbstractEventLoop))
    print(isinstance(loop, asyncio.SelectorEventLoop), isinstance(loop, asyncio.BaseEventLoop))
    await asyncio.sleep(0.01)
    loop.call_exception_handler({"message": "by hand", "exception": RuntimeError("handled")})
    try:
        raise ValueError("caught")
    except ValueError as e:
        loop.call_exception_handler({"message": "with a traceback", "exception": e})


asyncio.run(main())
print("end")
