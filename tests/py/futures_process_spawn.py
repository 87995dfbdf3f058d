# ProcessPoolExecutor with a spawn context: workers are SpawnProcess-N started on demand;
# max_tasks_per_child is refused with fork.
import concurrent.futures as cf
import multiprocessing as mp

def sq(x):
    return x * x, mp.current_process().name

if __name__ == '__main__':
    ctx = mp.get_context("spawn")
    with cf.ProcessPoolExecutor(2, mp_context=ctx) as ex:
        print(sorted(r[0] for r in ex.map(sq, range(5))))
        print(all(r[1].startswith("SpawnProcess-") for r in ex.map(sq, range(3))))
    try:
        cf.ProcessPoolExecutor(1, mp_context=mp.get_context("fork"), max_tasks_per_child=2)
    except ValueError as e:
        print(e)
