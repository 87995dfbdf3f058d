# CPython's messages for a Future used in the wrong state.
import asyncio

loop = asyncio.new_event_loop()
f = loop.create_future()
for name in ("result", "exception"):
    try:
        getattr(f, name)()
    except asyncio.InvalidStateError as e:
        print(name, repr(e))
f.set_result(1)
for call in (lambda: f.set_result(2), lambda: f.set_exception(ValueError())):
    try:
        call()
    except asyncio.InvalidStateError as e:
        print(repr(e))
g = loop.create_future()
g.cancel()
try:
    g.set_result(1)
except asyncio.InvalidStateError as e:
    print("cancelled:", e)
loop.close()
