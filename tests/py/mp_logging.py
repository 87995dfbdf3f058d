# multiprocessing's logger: log_to_stderr(), get_logger(), the INFO lines of a child's start and
# exit and of the parent's shutdown (fork and spawn children), and futures' callback errors
# logged through logging.
import logging
import multiprocessing as mp
import concurrent.futures as cf


def work(x):
    mp.get_logger().info("working on %d", x)


if __name__ == '__main__':
    logger = mp.log_to_stderr()
    print(logger.name, logger.propagate, mp.get_logger() is logger)
    logger.setLevel(logging.INFO)
    logger.info("starting")
    for method in ("fork", "spawn"):
        p = mp.get_context(method).Process(target=work, args=(1,))
        p.start()
        p.join()
    f = cf.Future()
    f.add_done_callback(lambda fut: 1 / 0)
    f.set_result(3)
    print("done")
