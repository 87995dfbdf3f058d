import threading

printer = threading.Semaphore(2)
user = None

def job(name):
    global user
    with printer:
        user = name
        if user != name:
            print(name, "printed", user + "'s page")

a = threading.Thread(target=job, args=("A",))
b = threading.Thread(target=job, args=("B",))
a.start()
b.start()
a.join()
b.join()
print("done")
