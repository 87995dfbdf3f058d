# getpass without a terminal (as under CI): the prompt and the echo warning on the stream,
# the password read from sys.stdin, GetPassWarning; getuser() from the environment.
import io
import os
import sys
import warnings


def no_tty(path, *args, **kwargs):
    # CPython opens /dev/tty first: make it fail as where there is no terminal.
    raise OSError(6, "No such device or address", path)


os.open = no_tty
import getpass

print(getpass.__all__, issubclass(getpass.GetPassWarning, UserWarning))
for names in (("LOGNAME", "USER", "LNAME", "USERNAME"), ("USER", "LNAME", "USERNAME"), ("LNAME",)):
    saved = {k: os.environ.pop(k, None) for k in ("LOGNAME", "USER", "LNAME", "USERNAME")}
    for k in names:
        os.environ[k] = "user_" + k.lower()
    os.environ["LOGNAME"] = os.environ.get("LOGNAME", "")
    print(getpass.getuser())
    for k, v in saved.items():
        os.environ.pop(k, None)
        if v is not None:
            os.environ[k] = v

stream = io.StringIO()
sys.stdin = io.StringIO("s3cret\nnext line\n")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    pw = getpass.getpass("Key: ", stream)
    print(repr(pw), repr(stream.getvalue()))
    print(len(caught), caught[0].category.__name__, caught[0].message, caught[0].filename.endswith("/getpass.py"), caught[0].lineno)
    print(repr(getpass.getpass(stream=stream)))
    print(repr(stream.getvalue()))
    try:
        getpass.getpass("again: ", stream)
    except EOFError as e:
        print("EOFError", repr(str(e)))
    print(repr(sys.stdin.readline()))
    print(len(caught))
    sys.stdin = io.StringIO("no newline")
    print(repr(getpass.getpass("", stream)), repr(stream.getvalue()[-4:]))
    sys.stdin = io.StringIO("\n")
    print(repr(getpass.getpass(prompt=42, stream=stream)), repr(stream.getvalue()[-4:]))

# Warnings ignored, the default stream (stderr) and sys.stdin at its end: EOFError.
warnings.simplefilter("ignore")
sys.stdin = sys.__stdin__
print("reading")
getpass.getpass()
