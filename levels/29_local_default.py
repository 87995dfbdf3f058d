import threading

ctx = threading.local()
ctx.user = "main"

def show():
    print(getattr(ctx, "user", "nobody"))

t = threading.Thread(target=show)
t.start()
t.join()
print(ctx.user)
