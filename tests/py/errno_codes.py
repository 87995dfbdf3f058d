# The errno module and OSError's attributes: the codes the simulated file system raises,
# the subclass an errno picks, errorcode's names (EAGAIN for its alias EWOULDBLOCK), and
# errno/strerror/filename/filename2 on raised and constructed errors.
import errno
import os

print(errno.ENOENT, errno.EEXIST, errno.EACCES, errno.EPIPE, errno.EINTR, errno.ETIMEDOUT)
print(errno.EAGAIN == errno.EWOULDBLOCK, errno.errorcode[errno.EAGAIN], errno.errorcode[2])
print(len(errno.errorcode) > 100, sorted(errno.errorcode)[:5])

try:
    open("no_such_file_here.txt")
except OSError as e:
    print(type(e).__name__, e.errno == errno.ENOENT, errno.errorcode[e.errno], e.strerror, e.filename)
    print(e.strerror == os.strerror(e.errno), e.filename2, e.args)

os.mkdir("errno_codes_dir")
try:
    os.mkdir("errno_codes_dir")
except FileExistsError as e:
    print(type(e).__name__, errno.errorcode[e.errno], e.strerror, e.filename)
os.rmdir("errno_codes_dir")

for code in (errno.ENOENT, errno.EEXIST, errno.EACCES, errno.EPERM, errno.EAGAIN, errno.ECHILD,
             errno.EPIPE, errno.ECONNRESET, errno.ETIMEDOUT, errno.EINTR, errno.EISDIR, errno.EIO):
    e = OSError(code, os.strerror(code), "f")
    print(errno.errorcode[code], type(e).__name__, e.errno, e.strerror, e.filename, str(e))

e = OSError("just a message")
print(e.errno, e.strerror, e.filename, e.args, str(e))
e = OSError(errno.ENOENT, "gone", "a", None, "b")
print(e.filename, e.filename2, str(e))
