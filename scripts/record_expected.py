#!/usr/bin/env python3
"""Records what CPython does with each differential test program.

For every tests/py/NAME.py this runs `python3 NAME.py` with tests/py as the working directory
and writes tests/py/NAME.expected, a JSON object:

    {"stdout": ..., "stderr_last_line": ..., "exit_code": ...}

`stderr_last_line` is the last non-empty line of stderr ("" when stderr is empty). For files
whose name starts with `tb_` the full stderr is recorded too, as "stderr": tests/differential.rs
compares those tracebacks byte for byte.

Normalisations, so the record is what a learner sees in a terminal running `python3 NAME.py`:

* Since 3.9 CPython shows the absolute path of the main script in tracebacks; the directory
  part (tests/py/) is removed from stderr, so a frame reads `File "NAME.py", line 3, in <module>`
  (and a warning `NAME.py:3: ...`), the name the simulator is given.
* The standard library's directory (sysconfig's "stdlib", e.g. /root/.pyenv/versions/3.11.7/
  lib/python3.11/) becomes the placeholder "<stdlib>/" in stdout and stderr, and
  tests/differential.rs makes concsim's (/usr/lib/python3.11/, where the simulated machine
  keeps it) the same placeholder: a traceback through threading.py or queue.py, or
  `cannot import name ... (.../queue.py)`, compares equal.
* PYTHONUNBUFFERED=1: the simulator's stdout is line-buffered like a terminal's, while a
  python3 writing to a pipe buffers whole blocks (a forked child would then print the parent's
  unflushed lines again). The programs print whole lines, for which unbuffered and
  line-buffered output are the same.
* PYTHONHASHSEED=0, so that a program that leaks set order by mistake is at least stable.
* A program killed by signal N (SIGTERM, an uncaught KeyboardInterrupt's SIGINT) exits with
  128 + N, as a shell reports it (and `concsim run` exits), not subprocess's -N.

Usage:
    python3 scripts/record_expected.py            re-record every .expected file
    python3 scripts/record_expected.py NAME ...   re-record only these (NAME or NAME.py)
    python3 scripts/record_expected.py --check    record into memory, report differences with
                                                  the files on disk, exit 1 if any differ
"""

import difflib
import json
import os
import subprocess
import sys
import sysconfig
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY_DIR = os.path.join(ROOT, "tests", "py")
TIMEOUT_S = 10
SLOW_S = 1.0


def program_names(selected):
    names = sorted(f[:-3] for f in os.listdir(PY_DIR) if f.endswith(".py"))
    if not selected:
        return names
    wanted = [s[:-3] if s.endswith(".py") else s for s in (os.path.basename(a) for a in selected)]
    missing = [w for w in wanted if w not in names]
    if missing:
        sys.exit("record_expected: no such program in tests/py: %s" % ", ".join(missing))
    return wanted


def strip_dir(text):
    # Everywhere in stderr: traceback frames, and the `PATH:LINE:` of a warning or the
    # `defined at PATH:LINE` of an asyncio task's repr.
    for d in {PY_DIR, os.path.realpath(PY_DIR)}:
        text = text.replace(d + os.sep, "")
    return text


STDLIB_PLACEHOLDER = "<stdlib>/"
STDLIB_DIRS = sorted({sysconfig.get_paths()["stdlib"].rstrip("/") + "/",
                      os.path.realpath(sysconfig.get_paths()["stdlib"]).rstrip("/") + "/"},
                     key=len, reverse=True)


def strip_stdlib(text):
    # See the top comment: CPython's standard library directory becomes a placeholder.
    for d in STDLIB_DIRS:
        text = text.replace(d, STDLIB_PLACEHOLDER)
    return text


def last_nonempty_line(text):
    for line in reversed(text.splitlines()):
        if line.strip():
            return line
    return ""


def record(name):
    """Runs NAME.py under CPython and returns (expected dict, seconds taken)."""
    env = dict(os.environ)
    env.update(PYTHONUNBUFFERED="1", PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1",
               PYTHONIOENCODING="utf-8")
    for var in ("PYTHONWARNINGS", "PYTHONSTARTUP", "PYTHONPATH", "PYTHONINSPECT"):
        env.pop(var, None)
    start = time.monotonic()
    try:
        proc = subprocess.run(["python3", name + ".py"], cwd=PY_DIR, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        sys.exit("record_expected: %s.py did not finish within %d s" % (name, TIMEOUT_S))
    took = time.monotonic() - start
    stdout = strip_stdlib(proc.stdout.decode("utf-8", errors="replace"))
    stderr = strip_stdlib(strip_dir(proc.stderr.decode("utf-8", errors="replace")))
    expected = {
        "stdout": stdout,
        "stderr_last_line": last_nonempty_line(stderr),
        # A process killed by signal N: the shell's status, 128 + N (subprocess says -N).
        "exit_code": proc.returncode if proc.returncode >= 0 else 128 - proc.returncode,
    }
    if name.startswith("tb_"):
        expected["stderr"] = stderr
    return expected, took


def render(expected):
    return json.dumps(expected, indent=1, ensure_ascii=False) + "\n"


def describe_difference(name, old, new):
    lines = ["--- %s.expected differs from what python3 does now:" % name]
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if isinstance(a, str) and isinstance(b, str):
            diff = difflib.unified_diff(a.splitlines(), b.splitlines(), "recorded " + key,
                                        "python3 " + key, lineterm="", n=2)
            lines.extend("    " + d for d in diff)
        else:
            lines.append("    %s: recorded %r, python3 gives %r" % (key, a, b))
    return "\n".join(lines)


def main(argv):
    check = "--check" in argv
    selected = [a for a in argv if a != "--check"]
    version = subprocess.run(["python3", "--version"], capture_output=True, text=True).stdout.strip()
    if not version.startswith("Python 3.11"):
        print("record_expected: warning: the reference is CPython 3.11, python3 is %r" % version,
              file=sys.stderr)
    names = program_names(selected)
    differences = []
    for name in names:
        expected, took = record(name)
        if took > SLOW_S:
            print("record_expected: note: %s.py took %.2f s (budget %.1f s)" % (name, took, SLOW_S),
                  file=sys.stderr)
        path = os.path.join(PY_DIR, name + ".expected")
        if check:
            try:
                with open(path, encoding="utf-8") as f:
                    old = json.load(f)
            except FileNotFoundError:
                differences.append("--- %s.expected is missing" % name)
                continue
            if old != expected:
                differences.append(describe_difference(name, old, expected))
        else:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(render(expected))
    if check:
        stale = sorted(f for f in os.listdir(PY_DIR)
                       if f.endswith(".expected") and f[:-9] not in names and not selected)
        differences.extend("--- %s has no program %s.py" % (f, f[:-9]) for f in stale)
        for d in differences:
            print(d)
        if differences:
            print("record_expected --check: %d of %d programs differ" % (len(differences), len(names)))
            return 1
        print("record_expected --check: all %d programs match their .expected files" % len(names))
        return 0
    print("record_expected: wrote %d .expected files in %s" % (len(names), os.path.relpath(PY_DIR, ROOT)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
