import multiprocessing as mp


def add(v, n):
    for i in range(n):
        with v.get_lock():
            v.value += 1


if __name__ == '__main__':
    v = mp.Value('i', 0)
    ps = [mp.Process(target=add, args=(v, 50)) for _ in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(v.value)
    d = mp.Value('d', 1.5)
    d.value = d.value * 2
    print(d.value)
