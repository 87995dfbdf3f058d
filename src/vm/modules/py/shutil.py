# concsim's shutil: the basics of CPython 3.11's (copyfileobj, copyfile, copy, copy2,
# copytree, rmtree, move, which) over the host's files. Invariant: CPython's errors for a
# missing source or a same-file copy; no metadata beyond contents is kept (none exists).

import os

__all__ = ["copyfileobj", "copyfile", "copy", "copy2", "copytree", "rmtree", "move", "which", "Error",
           "SameFileError"]


class Error(OSError):
    pass


class SameFileError(Error):
    pass


def copyfileobj(fsrc, fdst, length=0):
    while True:
        buf = fsrc.read(length if length > 0 else 65536)
        if not buf:
            break
        fdst.write(buf)


def copyfile(src, dst, *, follow_symlinks=True):
    if os.path.exists(dst) and os.path.abspath(src) == os.path.abspath(dst):
        raise SameFileError("{!r} and {!r} are the same file".format(src, dst))
    with open(src, "rb") as fsrc:
        with open(dst, "wb") as fdst:
            copyfileobj(fsrc, fdst)
    return dst


def copymode(src, dst, *, follow_symlinks=True):
    os.stat(src)


def copystat(src, dst, *, follow_symlinks=True):
    os.stat(src)


def copy(src, dst, *, follow_symlinks=True):
    if os.path.isdir(dst):
        dst = os.path.join(dst, os.path.basename(src))
    copyfile(src, dst)
    return dst


copy2 = copy


def copytree(src, dst, symlinks=False, ignore=None, copy_function=copy2, ignore_dangling_symlinks=False,
             dirs_exist_ok=False):
    names = os.listdir(src)
    ignored = ignore(src, names) if ignore is not None else set()
    os.makedirs(dst, exist_ok=dirs_exist_ok)
    for name in names:
        if name in ignored:
            continue
        s = os.path.join(src, name)
        d = os.path.join(dst, name)
        if os.path.isdir(s):
            copytree(s, d, symlinks, ignore, copy_function, ignore_dangling_symlinks, dirs_exist_ok)
        else:
            copy_function(s, d)
    return dst


def rmtree(path, ignore_errors=False, onerror=None):
    try:
        names = os.listdir(path)
    except OSError as err:
        if ignore_errors:
            return
        if onerror is not None:
            onerror(os.listdir, path, err)
            return
        raise
    for name in names:
        p = os.path.join(path, name)
        try:
            if os.path.isdir(p):
                rmtree(p, ignore_errors, onerror)
            else:
                os.unlink(p)
        except OSError as err:
            if ignore_errors:
                continue
            if onerror is not None:
                onerror(os.unlink, p, err)
                continue
            raise
    try:
        os.rmdir(path)
    except OSError as err:
        if ignore_errors:
            return
        if onerror is not None:
            onerror(os.rmdir, path, err)
            return
        raise


def move(src, dst, copy_function=copy2):
    real_dst = dst
    if os.path.isdir(dst):
        real_dst = os.path.join(dst, os.path.basename(src.rstrip("/")))
        if os.path.exists(real_dst):
            raise Error("Destination path '%s' already exists" % real_dst)
    os.rename(src, real_dst)
    return real_dst


def which(cmd, mode=1, path=None):
    import subprocess
    if subprocess._simulated_command(cmd):
        return "/usr/bin/" + cmd
    return None


def disk_usage(path):
    raise OSError("concsim does not support shutil.disk_usage yet")
