from multiprocessing import Process, Pipe

def child(conn):
    msg = conn.recv()
    conn.send(msg.upper())

if __name__ == "__main__":
    mine, theirs = Pipe()
    p = Process(target=child, args=(theirs,))
    p.start()
    print(mine.recv())
    mine.send("ping")
    p.join()
