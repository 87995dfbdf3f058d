# logging: basicConfig, the logger tree, levels, formatters (% and {), filters, handlers,
# exceptions, extra, LoggerAdapter; deterministic fields only (no asctime).
import logging
import sys

logging.basicConfig(level=logging.DEBUG, stream=sys.stdout,
                    format="%(levelname)s:%(name)s:%(funcName)s:%(lineno)d:%(module)s:%(filename)s: %(message)s")
log = logging.getLogger("app")
log.debug("debug %s", 1)
log.info("info %d and %r", 2, "x")
log.warning("dict args %(a)s %(b)s", {"a": 1, "b": 2})


def work():
    log.error("from work")


work()
child = logging.getLogger("app.db")
print(child.parent is log, child.getEffectiveLevel(), log.level, logging.root.level)
print(repr(log), repr(child), repr(logging.getLogger()))
print(logging.getLevelName(logging.WARNING), logging.getLevelName(15), logging.getLevelName("INFO"))
child.setLevel(logging.WARNING)
child.info("hidden")
child.warning("shown")
print(child.isEnabledFor(logging.INFO), child.isEnabledFor(logging.ERROR))

# A handler of its own, no propagation.
h = logging.StreamHandler(sys.stdout)
h.setFormatter(logging.Formatter("[{levelname}] {name} {message}", style="{"))
quiet = logging.getLogger("quiet")
quiet.addHandler(h)
quiet.propagate = False
quiet.warning("only once")
print(repr(h), quiet.handlers == [h], quiet.hasHandlers())


class OddFilter(logging.Filter):
    def filter(self, record):
        return record.args[0] % 2 == 1


quiet.addFilter(OddFilter())
for i in range(4):
    quiet.warning("n=%d", i)
quiet.removeFilter(quiet.filters[0])
quiet.addFilter(lambda r: "keep" in r.getMessage())
quiet.warning("drop")
quiet.warning("keep me")

f = logging.Filter("a.b")
for name in ["a", "a.b", "a.b.c", "a.bc"]:
    print(name, f.filter(logging.makeLogRecord({"name": name})))

class BaseNameFormatter(logging.Formatter):
    """Tracebacks name the script by its base name (CPython shows the absolute path)."""

    def formatException(self, ei):
        text = super().formatException(ei)
        out = []
        for line in text.splitlines():
            if line.startswith('  File "'):
                path, rest = line[len('  File "'):].split('"', 1)
                line = '  File "' + path.rsplit("/", 1)[-1] + '"' + rest
            out.append(line)
        return "\n".join(out)


logging.root.handlers[0].setFormatter(BaseNameFormatter(logging.root.handlers[0].formatter._fmt))
try:
    {}["missing"]
except KeyError:
    log.exception("lookup failed")

try:
    raise ValueError("bad")
except ValueError as e:
    log.error("caught: %s", e, exc_info=True)

log.critical("critical %s", "stuff")
log.log(25, "level 25")
logging.addLevelName(25, "NOTICE")
log.log(25, "level 25 named")
print(logging.getLevelName(25), logging.getLevelName("NOTICE"))

fmt = logging.Formatter("%(levelname)-8s|%(name)10s|%(user)s|%(message)s")
h2 = logging.StreamHandler(sys.stdout)
h2.setFormatter(fmt)
extra_log = logging.getLogger("extra")
extra_log.propagate = False
extra_log.addHandler(h2)
extra_log.warning("with extra", extra={"user": "bob"})
adapter = logging.LoggerAdapter(extra_log, {"user": "alice"})
adapter.warning("adapted %s", 42)
print(repr(adapter))
try:
    extra_log.warning("clash", extra={"name": "x"})
except KeyError as e:
    print("KeyError", e)

rec = logging.LogRecord("r", logging.INFO, "/p/x.py", 7, "hello %s", ("w",), None, "fn")
print(rec.getMessage(), rec.levelname, rec.filename, rec.module, rec.funcName, rec.lineno)
print(repr(rec))


class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(self.format(record))


lh = ListHandler()
lh.setLevel(logging.ERROR)
log.addHandler(lh)
log.warning("not in list")
log.error("in list")
print(lh.records, repr(lh))

try:
    logging.basicConfig(stream=sys.stdout, filename="x.log", force=True)
except ValueError as e:
    print("ValueError", e)
try:
    log.setLevel("LOUD")
except ValueError as e:
    print("ValueError", e)
try:
    logging.Formatter("%(message)s", style="*")
except ValueError as e:
    print("ValueError", e)

logging.disable(logging.WARNING)
log.warning("disabled")
log.error("not disabled")
logging.disable(logging.NOTSET)
logging.basicConfig(format="%(message)s", stream=sys.stdout, force=True)
logging.info("info at root level DEBUG is kept? no: force resets level only if given")
logging.warning("plain")
print(logging.root.level, len(logging.root.handlers))
