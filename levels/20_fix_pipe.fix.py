from multiprocessing import Process, Pipe

def child(conn):
    msg = conn.recv()
    conn.send(msg.upper())

if __name__ == "__main__":
    mine, theirs = Pipe()
    p = Process(target=child, args=(theirs,))
    p.start()
    mine.send("ping")
    print(mine.recv())
    p.join()
