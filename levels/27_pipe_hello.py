from multiprocessing import Process, Pipe

def child(conn):
    conn.send("hello")
    conn.close()

if __name__ == "__main__":
    parent, kid = Pipe()
    p = Process(target=child, args=(kid,))
    p.start()
    print("parent got", parent.recv())
    p.join()
