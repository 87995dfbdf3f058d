# Logging from threads: every record names the thread that made it, and records never mix,
# because each handler takes its own lock around writing one record.
import logging
import threading
import time

logging.basicConfig(level=logging.DEBUG, format="%(threadName)-9s %(levelname)-7s %(message)s")
log = logging.getLogger("shop")


def cashier(customers):
    log.debug("opening with %d customers", customers)
    for n in range(1, customers + 1):
        time.sleep(0.01)
        log.info("served customer %d", n)
    log.debug("closing")


threads = [threading.Thread(target=cashier, args=(n,), name="cashier-%d" % n) for n in (2, 3)]
for t in threads:
    t.start()
log.warning("main thread waits for %d cashiers", len(threads))
for t in threads:
    t.join()
log.info("all served")
