# logging's default output on stderr: the last-resort handler (message only, WARNING and
# up) for a logger when nothing is configured, then the module functions' implicit
# basicConfig (levelname:name:message); a failing format reported as a logging error.
import logging

log = logging.getLogger(__name__)
log.info("not shown")
log.warning("careful: %s", "last resort")
log.error("an error")
logging.info("not shown either")
logging.warning("root now configured")
log.warning("through root's handler")
logging.getLogger("a.b").critical("deep")
print(logging.root.handlers)
