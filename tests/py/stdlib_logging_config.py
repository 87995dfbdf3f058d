# logging.handlers (QueueHandler + QueueListener draining records from threads and from a
# process, MemoryHandler) and logging.config.dictConfig (formatters, filters, handlers with
# ext:// streams, loggers, root, disabling earlier loggers, errors).
import logging
import logging.config
import logging.handlers
import multiprocessing
import queue
import sys
import threading

early = logging.getLogger("early")
logging.config.dictConfig({
    "version": 1,
    "formatters": {
        "brief": {"format": "%(levelname)s %(name)s: %(message)s"},
        "braces": {"format": "[{threadName}] {message}", "style": "{"},
    },
    "filters": {"only_app": {"name": "app"}},
    "handlers": {
        "out": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout",
                "formatter": "brief", "level": "INFO"},
        "threads": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout",
                    "formatter": "braces", "filters": ["only_app"]},
    },
    "loggers": {"app": {"handlers": ["threads"], "level": "DEBUG"}},
    "root": {"handlers": ["out"], "level": "WARNING"},
})
logging.getLogger("app").debug("app debug (threads handler only)")
logging.getLogger("app.db").info("app.db info")
logging.getLogger("other").warning("other warning")
early.error("early logger disabled: %s", early.disabled)
print(early.disabled, logging.getLogger("app").level, [h.name for h in logging.root.handlers])
try:
    logging.config.dictConfig({"version": 2})
except ValueError as e:
    print("ValueError:", e)
try:
    logging.config.dictConfig({"version": 1, "handlers": {"h": {"class": "logging.StreamHandler", "formatter": "nope"}}})
except ValueError as e:
    print("ValueError:", e, "|", e.__cause__)

logging.config.dictConfig({"version": 1, "root": {"level": "DEBUG"}})
q = queue.Queue()
collected = []


class Collect(logging.Handler):
    def emit(self, record):
        collected.append("%s:%s:%s" % (record.threadName, record.levelname, record.getMessage()))


qlog = logging.getLogger("q")
qlog.propagate = False
qlog.addHandler(logging.handlers.QueueHandler(q))
listener = logging.handlers.QueueListener(q, Collect())
listener.start()


def work(n):
    for i in range(3):
        qlog.info("item %d from %d", i, n)


threads = [threading.Thread(target=work, args=(n,), name="T%d" % n) for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
listener.stop()
print(len(collected), sorted(collected)[:3])

mem_target = logging.StreamHandler(sys.stdout)
mem_target.setFormatter(logging.Formatter("flushed %(levelname)s %(message)s"))
mem = logging.handlers.MemoryHandler(10, flushLevel=logging.ERROR, target=mem_target)
mlog = logging.getLogger("mem")
mlog.propagate = False
mlog.addHandler(mem)
mlog.info("buffered 1")
mlog.warning("buffered 2")
print("before error", len(mem.buffer))
mlog.error("now flush")
print("after error", len(mem.buffer))


def child(q):
    log = logging.getLogger("child")
    log.addHandler(logging.handlers.QueueHandler(q))
    log.setLevel(logging.INFO)
    log.propagate = False
    log.info("hello from %s", multiprocessing.current_process().name)


if __name__ == "__main__":
    mq = multiprocessing.Queue()
    p = multiprocessing.Process(target=child, args=(mq,))
    p.start()
    rec = mq.get()
    p.join()
    print(type(rec).__name__, rec.name, rec.getMessage(), rec.processName, rec.args)
