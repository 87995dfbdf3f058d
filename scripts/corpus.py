#!/usr/bin/env python3
"""Runs the third-party concurrency corpus (tests/corpus/*.py) under CPython and concsim and
says, per program and per backend, whether concsim matches CPython.

Owns: measuring breadth (issue 16). Invariant: a program is judged only against what CPython
itself did with it on this machine; nothing here knows what concsim is expected to support.

How a program is run (each run in a fresh temporary directory holding a copy of the program,
as the working directory, stdin from /dev/null):
  * CPython: `python3 NAME.py`, --python-runs times (default 3), with PYTHONUNBUFFERED=1 and
    PYTHONHASHSEED=0 (the conventions of scripts/record_expected.py: a terminal's line-buffered
    stdout, stable set order). Its results are recorded in tests/corpus/cpython/NAME.json
    (--record, or whenever a record is missing or stale: the record holds the program's sha256),
    so the test (tests/corpus.rs) does not rerun CPython.
  * concsim: `concsim run --cores N NAME.py` and `concsim real --cores N --timeout T NAME.py`,
    N = os.cpu_count() when CPython was recorded (so Pool() sizes and printed counts agree).
  Every run has a wall-clock timeout (--timeout, default 20 s); a concsim run that times out
  does not match.

Normalisation before any comparison: the temporary directory's path is removed from both
streams (CPython prints the main script's absolute path in tracebacks), and the standard
library's directory, CPython's (sysconfig's "stdlib", e.g. /root/.pyenv/versions/3.11.7/lib/
python3.11/) as concsim's (/usr/lib/python3.11/, where the simulated machine keeps it), becomes
the placeholder "<stdlib>/" in both streams of every run (tracebacks through threading.py or
queue.py, `cannot import name ... (.../queue.py)`).

How a match is judged, per backend (the first rule that applies):
  exit status  must equal CPython's when all CPython runs agree, else be one of CPython's.
  stdout
    EXACT        CPython printed the same stdout on every run: concsim's must be identical.
    MASKED       otherwise, mask volatile tokens in each line (MASKS below: addresses, dates,
                 times, floats, integers of 4+ digits such as pids, thread idents and epoch
                 seconds, any number right after "pid", "process id", "parent process"...),
                 sort the lines: if every CPython run gives the same sorted list,
                 concsim's must be that list (the same lines, in any order).
    SHAPES       otherwise mask every digit run too (random numbers): if all CPython runs give
                 the same sorted list, concsim's must equal it.
    SHAPE-SET    otherwise (CPython's line count itself varies, e.g. a producer looping until
                 an event): every shape concsim prints must appear in some CPython run, and
                 every shape that appears in all CPython runs must appear in concsim's output.
  stderr: if any CPython run's stderr holds a traceback, only the last non-empty line is
    compared (the exception type and message), masked as stdout is (EXACT, else MASKED, else
    SHAPES, else one of CPython's last lines); otherwise stderr is judged with the same rules
    as stdout (programs that log to stderr).
A mismatch is reported with its cause: concsim's own error line when it raised something
CPython did not (ModuleNotFoundError, AttributeError, "concsim does not support ...", a
panic), "timeout", or the first differing line.

Usage:
  python3 scripts/corpus.py [--concsim BIN] [--backends run,real] [--timeout S] [--jobs N]
                            [--only SUBSTR] [--record] [--json FILE] [--markdown FILE]
                            [--fail-under run=PCT]
  --record        rerun CPython for every selected program and rewrite its record
  --json FILE     write per-program results as JSON ('-' for stdout)
  --markdown FILE write the report (tables, totals, failure causes) as markdown
  --fail-under B=PCT  exit 1 when backend B's match rate is below PCT percent
The plain-text table and totals always go to stdout.
"""

import argparse
import collections
import concurrent.futures
import datetime
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "tests", "corpus")
RECORDS = os.path.join(CORPUS, "cpython")
# Programs written for concsim rather than taken from a third party (tests/corpus/SOURCES.md).
OWN_PREFIX = "own_"

# Volatile tokens, replaced in order. Documented in the top comment (MASKED).
MASKS = [
    (re.compile(r"0x[0-9a-fA-F]+"), "0xADDR"),
    (re.compile(r"(?i)\b(pid|ppid|process id|parent process|parent pid|parent|child pid|ident)(\W{0,3})\d+"),
     r"\1\2NUM"),
    (re.compile(r"\b\d{4}-\d\d-\d\d\b"), "DATE"),
    (re.compile(r"\b\d\d:\d\d:\d\d(?:[.,]\d+)?\b"), "TIME"),
    (re.compile(r"\b\d+\.\d+(?:e-?\d+)?\b"), "FLOAT"),
    (re.compile(r"\b\d{4,}\b"), "NUM"),
]
DIGITS = re.compile(r"\d+")


def mask(line):
    for rx, rep in MASKS:
        line = rx.sub(rep, line)
    return line


def shape(line):
    return DIGITS.sub("N", mask(line))


def last_line(text):
    for line in reversed(text.splitlines()):
        if line.strip():
            return line
    return ""


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def base_env():
    env = dict(os.environ)
    env.update(PYTHONUNBUFFERED="1", PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1",
               PYTHONIOENCODING="utf-8")
    for var in ("PYTHONWARNINGS", "PYTHONSTARTUP", "PYTHONPATH", "PYTHONINSPECT"):
        env.pop(var, None)
    return env


def kill_group(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except OSError:
        pass


def run_one(argv_prefix, program, timeout):
    """Runs argv_prefix + [NAME.py] in a fresh directory; returns a result dict."""
    name = os.path.basename(program)
    tmp = tempfile.mkdtemp(prefix="corpus-")
    try:
        shutil.copy(program, os.path.join(tmp, name))
        start = time.monotonic()
        # Its own session, so that on timeout the whole tree (multiprocessing children that
        # hold the pipes open) is killed, not only the direct child.
        proc = subprocess.Popen(argv_prefix + [name], cwd=tmp, env=base_env(),
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
            rc, timed_out = proc.returncode, False
        except subprocess.TimeoutExpired:
            kill_group(proc.pid)
            try:
                out, err = proc.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                out, err = b"", b""
            rc, timed_out = None, True
        kill_group(proc.pid)  # leftovers (daemonic children of a finished run)
        secs = time.monotonic() - start
        out = out.decode("utf-8", "replace")
        err = err.decode("utf-8", "replace")
        for d in {tmp, os.path.realpath(tmp)}:
            out = out.replace(d + os.sep, "")
            err = err.replace(d + os.sep, "")
        return {"stdout": out, "stderr": err, "exit": rc, "timeout": timed_out,
                "seconds": round(secs, 2)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def record_cpython(program, runs, timeout):
    results = [run_one(["python3"], program, timeout) for _ in range(runs)]
    rec = {"sha256": sha256(program), "cpu_count": os.cpu_count(), "runs": results,
           "python": sys.version.split()[0]}
    os.makedirs(RECORDS, exist_ok=True)
    path = os.path.join(RECORDS, os.path.basename(program)[:-3] + ".json")
    with open(path, "w") as f:
        json.dump(rec, f, indent=1, sort_keys=True)
        f.write("\n")
    return rec


def load_record(program):
    path = os.path.join(RECORDS, os.path.basename(program)[:-3] + ".json")
    try:
        with open(path) as f:
            rec = json.load(f)
    except (OSError, ValueError):
        return None
    return rec if rec.get("sha256") == sha256(program) else None


# ---- judging --------------------------------------------------------------------------------

def judge_stream(cp_texts, got):
    """Returns (rule, ok, detail) for one stream (stdout, or stderr without traceback)."""
    if all(t == cp_texts[0] for t in cp_texts):
        if got == cp_texts[0]:
            return "EXACT", True, ""
        return "EXACT", False, first_diff(cp_texts[0].splitlines(), got.splitlines())
    for rule, fn in (("MASKED", mask), ("SHAPES", shape)):
        cps = [sorted(fn(l) for l in t.splitlines()) for t in cp_texts]
        if all(c == cps[0] for c in cps):
            mine = sorted(fn(l) for l in got.splitlines())
            if mine == cps[0]:
                return rule, True, ""
            return rule, False, multiset_diff(cps[0], mine)
    sets = [set(shape(l) for l in t.splitlines()) for t in cp_texts]
    union, inter = set().union(*sets), set.intersection(*sets)
    mine = set(shape(l) for l in got.splitlines())
    extra, missing = sorted(mine - union), sorted(inter - mine)
    if not extra and not missing:
        return "SHAPE-SET", True, ""
    if extra:
        return "SHAPE-SET", False, "unexpected line: %r" % extra[0]
    return "SHAPE-SET", False, "missing line: %r" % missing[0]


def judge_last_line(cp_lasts, got_last):
    if all(l == cp_lasts[0] for l in cp_lasts):
        ok = got_last == cp_lasts[0]
        return "EXACT", ok, "" if ok else "stderr last line %r, CPython %r" % (got_last, cp_lasts[0])
    for rule, fn in (("MASKED", mask), ("SHAPES", shape)):
        cps = [fn(l) for l in cp_lasts]
        if all(c == cps[0] for c in cps):
            ok = fn(got_last) == cps[0]
            return rule, ok, "" if ok else "stderr last line %r, CPython %r" % (got_last, cp_lasts[0])
    ok = shape(got_last) in {shape(l) for l in cp_lasts}
    return "ONE-OF", ok, "" if ok else "stderr last line %r, CPython %r" % (got_last, cp_lasts[0])


def first_diff(want, got):
    for i in range(max(len(want), len(got))):
        w = want[i] if i < len(want) else "<end of output>"
        g = got[i] if i < len(got) else "<end of output>"
        if w != g:
            return "line %d: got %r, CPython %r" % (i + 1, g[:160], w[:160])
    return "stdout differs (trailing newline or whitespace)"


def multiset_diff(want, got):
    cw, cg = collections.Counter(want), collections.Counter(got)
    extra = sorted((cg - cw).elements())
    missing = sorted((cw - cg).elements())
    if extra:
        return "unexpected line: %r" % extra[0][:160]
    if missing:
        return "missing line: %r" % missing[0][:160]
    return "lines differ"


ERROR_LINE = re.compile(r"^(?:[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning)\b.*|"
                        r"thread '.*' panicked.*|.*concsim does not support.*|error: .*)$")


def concsim_error(got, cp_runs):
    """concsim's root error: a panic, else the first error line of its stderr that no CPython
    run printed (the first, not the last: a failed worker often ends in a deadlock report)."""
    cp_lines = set()
    for r in cp_runs:
        cp_lines.update(l.strip() for l in r["stderr"].splitlines())
    lines = [l.strip() for l in got["stderr"].splitlines()]
    for line in lines:
        if "panicked" in line:
            return line
    for line in lines:
        if line and line not in cp_lines and ERROR_LINE.match(line):
            return line
    last = last_line(got["stderr"]).strip()
    if last and last not in cp_lines and "Traceback" in got["stderr"]:
        return last
    for line in lines:
        if line.startswith("concsim") and line not in cp_lines:
            return line
    return None


# The standard library's directory, CPython's and the simulated machine's. Documented in the
# top comment (normalisation).
STDLIB_DIRS = sorted({sysconfig.get_paths()["stdlib"].rstrip("/") + "/",
                      os.path.realpath(sysconfig.get_paths()["stdlib"]).rstrip("/") + "/",
                      "/usr/lib/python3.11/"}, key=len, reverse=True)
STDLIB_PLACEHOLDER = "<stdlib>/"


def normalize_run(run):
    """A run's record with both streams' standard-library paths replaced by the placeholder."""
    run = dict(run)
    for key in ("stdout", "stderr"):
        for d in STDLIB_DIRS:
            run[key] = run[key].replace(d, STDLIB_PLACEHOLDER)
    return run


def judge(rec, got):
    """Returns dict(ok, rules, cause, detail) for one concsim run against CPython's record."""
    cp = [normalize_run(r) for r in rec["runs"]]
    got = normalize_run(got)
    rules = []
    if got["timeout"]:
        return {"ok": False, "rules": [], "cause": "timeout", "detail": "no exit within the timeout"}
    problems = []
    exits = {r["exit"] for r in cp}
    if got["exit"] not in exits:
        problems.append("exit status %s, CPython %s" % (got["exit"], "/".join(map(str, sorted(exits, key=str)))))
    rule, ok, detail = judge_stream([r["stdout"] for r in cp], got["stdout"])
    rules.append("stdout:" + rule)
    if not ok:
        problems.append("stdout " + detail)
    if any("Traceback (most recent call last)" in r["stderr"] for r in cp):
        rule, ok, detail = judge_last_line([last_line(r["stderr"]) for r in cp], last_line(got["stderr"]))
        rules.append("stderr-last:" + rule)
    else:
        rule, ok, detail = judge_stream([r["stderr"] for r in cp], got["stderr"])
        rules.append("stderr:" + rule)
        detail = "stderr " + detail if detail else detail
    if not ok:
        problems.append(detail)
    if not problems:
        return {"ok": True, "rules": rules, "cause": None, "detail": ""}
    err = concsim_error(got, cp)
    if err:
        cause = err
    elif problems[0].startswith("exit"):
        cause = "wrong exit status"
    elif problems[0].startswith("stdout"):
        cause = "wrong stdout (%s)" % rules[0].split(":")[1]
    else:
        cause = "wrong stderr"
    return {"ok": False, "rules": rules, "cause": cause, "detail": "; ".join(problems)}


def normalize_cause(cause):
    """Groups causes that differ only by names of the program's own objects or numbers."""
    c = re.sub(r"line \d+", "line N", cause)
    c = re.sub(r"at src/[\w/.]+:\d+:\d+", "at src/...", c)
    return c


# ---- driver ---------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--concsim", default=os.path.join(ROOT, "target", "release", "concsim"))
    ap.add_argument("--backends", default="run,real")
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--python-runs", type=int, default=3)
    ap.add_argument("--only", default=None)
    ap.add_argument("--record", action="store_true")
    ap.add_argument("--json", default=None)
    ap.add_argument("--markdown", default=None)
    ap.add_argument("--fail-under", action="append", default=[])
    args = ap.parse_args()

    programs = sorted(os.path.join(CORPUS, f) for f in os.listdir(CORPUS) if f.endswith(".py"))
    if args.only:
        programs = [p for p in programs if args.only in os.path.basename(p)]
    backends = [b for b in args.backends.split(",") if b]
    concsim = os.path.abspath(args.concsim)
    if backends and not os.path.exists(concsim):
        sys.exit("corpus: no concsim binary at %s (build it or pass --concsim)" % concsim)

    def cpython(program):
        rec = None if args.record else load_record(program)
        if rec is None:
            if shutil.which("python3") is None:
                raise SystemExit("corpus: python3 is needed to record %s" % program)
            rec = record_cpython(program, args.python_runs, args.timeout)
        return rec

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        records = dict(zip(programs, ex.map(cpython, programs)))

        def concsim_run(item):
            program, backend = item
            rec = records[program]
            cores = str(rec.get("cpu_count") or 4)
            if backend == "real":
                argv = [concsim, "real", "--cores", cores, "--timeout", str(int(args.timeout))]
            else:
                argv = [concsim, backend, "--cores", cores]
            got = run_one(argv, program, args.timeout + 5 if backend == "real" else args.timeout)
            return program, backend, got, judge(rec, got)

        items = [(p, b) for p in programs for b in backends]
        outcomes = list(ex.map(concsim_run, items))

    results = collections.OrderedDict()
    for program in programs:
        rec = records[program]
        cp = rec["runs"]
        det = all(r["stdout"] == cp[0]["stdout"] and r["exit"] == cp[0]["exit"] for r in cp)
        results[os.path.basename(program)] = {
            "cpython": {"deterministic": det, "exit": cp[0]["exit"],
                        "seconds": max(r["seconds"] for r in cp),
                        "timeout": any(r["timeout"] for r in cp)},
        }
    for program, backend, got, verdict in outcomes:
        verdict = dict(verdict)
        verdict["seconds"] = got["seconds"]
        verdict["exit"] = got["exit"]
        verdict["stderr_tail"] = last_line(got["stderr"])[:200]
        results[os.path.basename(program)][backend] = verdict

    totals = {}
    third = {}
    causes = {}
    for b in backends:
        ok = sum(1 for r in results.values() if r[b]["ok"])
        totals[b] = (ok, len(results))
        # Programs written here (own_*, see SOURCES.md) are counted apart: the third-party
        # figure is the measure of breadth.
        tp = [r for n, r in results.items() if not n.startswith(OWN_PREFIX)]
        third[b] = (sum(1 for r in tp if r[b]["ok"]), len(tp))
        c = collections.Counter(normalize_cause(r[b]["cause"]) for r in results.values() if not r[b]["ok"])
        causes[b] = c.most_common()

    # plain text
    width = max([len(n) for n in results] + [10])
    print("%-*s  %-5s %s" % (width, "program", "det", "  ".join("%-8s" % b for b in backends)))
    for name, r in results.items():
        cells = "  ".join("%-8s" % ("match" if r[b]["ok"] else "MISMATCH") for b in backends)
        print("%-*s  %-5s %s" % (width, name, "yes" if r["cpython"]["deterministic"] else "no", cells))
        for b in backends:
            if not r[b]["ok"]:
                print("%*s  %s: %s | %s" % (width, "", b, r[b]["cause"], r[b]["detail"][:200]))
    for b in backends:
        ok, n = totals[b]
        print("%s: %d/%d match (%.1f%%)" % (b, ok, n, 100.0 * ok / max(n, 1)))
        ok, n = third[b]
        print("%s, third-party programs only: %d/%d match (%.1f%%)" % (b, ok, n, 100.0 * ok / max(n, 1)))
    for b in backends:
        print("failure causes under %s:" % b)
        for cause, count in causes[b]:
            print("  x%-3d %s" % (count, cause))

    if args.json:
        payload = {"date": datetime.date.today().isoformat(), "totals": totals, "causes": causes,
                   "programs": results}
        text = json.dumps(payload, indent=1)
        if args.json == "-":
            print(text)
        else:
            with open(args.json, "w") as f:
                f.write(text + "\n")
    if args.markdown:
        write_markdown(args.markdown, results, backends, totals, third, causes, concsim)

    status = 0
    for spec in args.fail_under:
        b, _, pct = spec.partition("=")
        if b in totals:
            ok, n = totals[b]
            rate = 100.0 * ok / max(n, 1)
            if rate < float(pct):
                print("corpus: %s match rate %.1f%% is below the floor %s%%" % (b, rate, pct))
                status = 1
    return status


def md_cell(text):
    return (text or "").replace("|", "\\|").replace("\n", " ")[:220]


def write_markdown(path, results, backends, totals, third, causes, concsim):
    commit = ""
    try:
        commit = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%h %s"],
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    lines = ["# Corpus report", "",
             "Generated by `python3 scripts/corpus.py --markdown tests/corpus/REPORT.md` on %s, concsim at `%s`."
             % (datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), commit),
             "Corpus: tests/corpus/ (sources and licences in tests/corpus/SOURCES.md). Matching rules:"
             " top comment of scripts/corpus.py.", "", "## Totals", ""]
    for b in backends:
        ok, n = totals[b]
        lines.append("- `%s`: %d/%d match (%.1f%%)" % (b, ok, n, 100.0 * ok / max(n, 1)))
        ok, n = third[b]
        lines.append("  - third-party programs only (without `%s*`, written here): %d/%d (%.1f%%)"
                     % (OWN_PREFIX, ok, n, 100.0 * ok / max(n, 1)))
    lines += ["", "## Failure causes", ""]
    for b in backends:
        lines += ["### under `%s`" % b, "", "| count | cause |", "|---:|---|"]
        for cause, count in causes[b]:
            lines.append("| %d | %s |" % (count, md_cell(cause)))
        lines.append("")
    lines += ["## Programs", "", "| program | CPython deterministic | %s |" % " | ".join(backends),
              "|---|---|%s" % ("---|" * len(backends))]
    for name, r in results.items():
        cells = []
        for b in backends:
            v = r[b]
            cells.append("match" if v["ok"] else "**%s** — %s" % (md_cell(v["cause"]), md_cell(v["detail"])))
        lines.append("| %s | %s | %s |" % (name, "yes" if r["cpython"]["deterministic"] else "no",
                                           " | ".join(cells)))
    lines.append("")
    notes = os.path.join(CORPUS, "NOTES.md")
    if os.path.exists(notes):
        with open(notes) as f:
            lines += ["", f.read()]
    with open(path, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
