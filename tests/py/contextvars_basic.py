import contextvars
import threading
import asyncio

request_id = contextvars.ContextVar("request_id", default="-")
user = contextvars.ContextVar("user")

print(request_id.name, request_id.get(), user.get("nobody"))
try:
    user.get()
except LookupError as e:
    print("LookupError", type(e.args[0]).__name__, e.args[0].name)
tok = user.set("alice")
print(user.get(), tok.var is user, tok.old_value is contextvars.Token.MISSING, repr(contextvars.Token.MISSING))
tok2 = user.set("bob")
print(user.get(), tok2.old_value)
user.reset(tok2)
print(user.get())
try:
    user.reset(tok2)
except RuntimeError as e:
    print("RuntimeError", str(e).endswith("has already been used once"))
try:
    request_id.reset(tok)
except ValueError as e:
    print("ValueError", str(e).endswith("was created by a different ContextVar"))

ctx = contextvars.copy_context()
print(ctx[user], user in ctx, request_id in ctx, len(ctx), ctx.get(request_id, "none"))

def in_ctx(x):
    user.set("carol")
    return user.get() + x
print(ctx.run(in_ctx, "!"), user.get(), ctx[user])
try:
    ctx.run(ctx.run, print)
except RuntimeError as e:
    print("RuntimeError", str(e).startswith("cannot enter context:"))
t3 = ctx.run(user.set, "dave")
try:
    user.reset(t3)
except ValueError as e:
    print("ValueError", str(e).endswith("was created in a different Context"))
empty = contextvars.Context()
print(len(empty), empty.run(user.get, "none"), list(empty))

results = []
def worker(n):
    results.append((n, user.get("unset"), request_id.get()))
    request_id.set("t%d" % n)
    results.append((n, request_id.get()))
threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results), request_id.get())

async def handle(n):
    request_id.set("req-%d" % n)
    await asyncio.sleep(0.01 * (3 - n))
    return n, request_id.get(), user.get()

async def main():
    request_id.set("main")
    out = await asyncio.gather(*(handle(i) for i in range(3)))
    print(out, request_id.get())
    c = contextvars.copy_context()
    c.run(request_id.set, "custom")
    t = asyncio.create_task(handle(9), context=c)
    print(await t, c[request_id], request_id.get())
asyncio.run(main())
try:
    contextvars.ContextVar(5)
except TypeError as e:
    print("TypeError:", e)
try:
    ctx["x"]
except TypeError as e:
    print("TypeError:", e)
