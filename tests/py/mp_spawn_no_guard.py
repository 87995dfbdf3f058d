# A spawn child re-imports the main module: without the __main__ guard it would start a
# process again while bootstrapping, which CPython refuses with a RuntimeError in the child.
import multiprocessing as mp


def hello():
    print("hello from the child")


ctx = mp.get_context("spawn")
p = ctx.Process(target=hello)
p.start()
p.join()
print("exitcode", p.exitcode)
