import threading

current = None

def greet(name):
    if current != name:
        print(name, "was greeted as", current)

def handle(name):
    global current
    current = name
    greet(name)

a = threading.Thread(target=handle, args=("Alice",))
b = threading.Thread(target=handle, args=("Bob",))
a.start()
b.start()
a.join()
b.join()
print("done")
