import threading

ctx = threading.local()

def greet(name):
    if ctx.current != name:
        print(name, "was greeted as", ctx.current)

def handle(name):
    ctx.current = name
    greet(name)

a = threading.Thread(target=handle, args=("Alice",))
b = threading.Thread(target=handle, args=("Bob",))
a.start()
b.start()
a.join()
b.join()
print("done")
