import multiprocessing as mp

print('module imported in', mp.current_process().name, 'as', __name__)
counter = 0


def child(method):
    print(method, 'child:', 'counter =', counter, 'and __name__ =', __name__)


if __name__ == '__main__':
    counter = 42
    for method in ('fork', 'spawn'):
        ctx = mp.get_context(method)
        p = ctx.Process(target=child, args=(method,))
        p.start()
        p.join()
