import threading, queue

def produce(q, n):
    for i in range(n):
        q.put(i)
    q.put(None)

def items(q):
    while True:
        item = q.get()
        if item is None:
            return
        yield item

q = queue.Queue(maxsize=2)
t = threading.Thread(target=produce, args=(q, 5))
t.start()
for it in items(q):
    print("got", it)
t.join()

def chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]
print(list(chunks(list(range(7)), 3)))

class Tree:
    def __init__(self, v, kids=()):
        self.v, self.kids = v, kids
    def __iter__(self):
        yield self.v
        for k in self.kids:
            yield from k
print(list(Tree(1, [Tree(2, [Tree(3)]), Tree(4)])))
print(sorted(Tree(5, [Tree(1)])))
