import logging
import sys
import warnings

logging.basicConfig(format="%(levelname)s|%(name)s|%(message)s")
def legacy():
    warnings.warn("legacy() is deprecated", FutureWarning, stacklevel=2)
logging.captureWarnings(True)
legacy()
warnings.warn("plain 100% warning")
logging.captureWarnings(False)

warnings.warn("back on stderr")
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    logging.captureWarnings(True)
    warnings.warn("recorded, not logged")
    logging.captureWarnings(False)
print(len(w))
