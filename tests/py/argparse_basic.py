import argparse
import sys

def run(parser, argv):
    saved = sys.stderr
    sys.stderr = sys.stdout
    try:
        print(parser.parse_args(argv))
    except SystemExit as e:
        print("exit", e.code)
    finally:
        sys.stderr = saved

p = argparse.ArgumentParser(prog="worker", description="Run a pool of workers over the input files.",
                            epilog="Example: worker -n 4 data.txt")
p.add_argument("input", help="the input file")
p.add_argument("files", nargs="*", help="more files to process")
p.add_argument("-n", "--workers", type=int, default=2, help="number of workers (default: %(default)s)")
p.add_argument("-v", "--verbose", action="store_true", help="print progress")
p.add_argument("-q", dest="quiet", action="store_false")
p.add_argument("--mode", choices=["thread", "process"], default="thread", help="how to run")
p.add_argument("--tag", action="append", metavar="T", help="a tag (repeatable)")
p.add_argument("-d", "--debug", action="count", default=0, help="more debug output")
p.add_argument("--version", action="version", version="%(prog)s 1.0")
p.add_argument("--timeout", type=float, help="seconds to wait for the workers before giving up on them, "
               "a long help text that has to be wrapped over several lines")
run(p, ["data.txt"])
run(p, ["data.txt", "b.txt", "c.txt", "-n", "4", "-v", "--mode", "process"])
run(p, ["-n8", "--tag", "a", "--tag=b", "-ddd", "x", "-q", "--timeout=1.5"])
run(p, ["--work", "3", "x", "--verb"])
run(p, ["-h"])
run(p, ["--version"])
run(p, [])
run(p, ["x", "-n", "many"])
run(p, ["x", "--mode", "fiber"])
run(p, ["x", "-n"])
run(p, ["x", "--ve"])
run(p, ["x", "--unknown", "y"])
run(p, ["x", "--verbose=yes"])
print(p.parse_known_args(["x", "--extra", "-v"]))
print(p.format_usage(), end="")

q = argparse.ArgumentParser(prog="copy")
q.add_argument("src", nargs="+")
q.add_argument("dst")
q.add_argument("--size", nargs=2, type=int, metavar=("W", "H"))
q.add_argument("--opt", nargs="?", const="C", default="D")
q.add_argument("--name", required=True)
run(q, ["a", "b", "c", "--name", "n"])
run(q, ["a", "--name", "n", "--size", "3", "4", "--opt"])
run(q, ["a", "b", "--name", "n", "--opt", "v"])
run(q, ["a"])
run(q, ["a", "b"])
run(q, ["a", "b", "--name", "n", "--size", "3"])
run(q, ["-h"])

r = argparse.ArgumentParser(prog="calc", formatter_class=argparse.ArgumentDefaultsHelpFormatter)
r.add_argument("numbers", metavar="N", type=int, nargs="+", help="an integer")
r.add_argument("--sum", dest="accumulate", action="store_const", const=sum, default=max, help="sum the integers")
g = r.add_argument_group("tuning", "Options that change speed.")
g.add_argument("--threads", type=int, default=4, help="thread count")
args = r.parse_args(["1", "2", "3", "--sum"])
print(args.accumulate(args.numbers), args.threads)
args = r.parse_args(["7", "-5"] if False else ["7", "5"])
print(args.accumulate(args.numbers))
run(r, ["-h"])
run(r, ["1", "x"])

ns = argparse.Namespace(a=1, b="two")
print(ns, ns == argparse.Namespace(a=1, b="two"), "a" in ns)
try:
    p.add_argument("-v")
except argparse.ArgumentError as e:
    print("ArgumentError:", e)
try:
    p.add_argument("pos", required=True)
except TypeError as e:
    print("TypeError:", e)
try:
    p.add_argument("--x", action="nope")
except ValueError as e:
    print("ValueError:", e)

def positive(s):
    n = int(s)
    if n <= 0:
        raise argparse.ArgumentTypeError("%r is not a positive number" % s)
    return n
s = argparse.ArgumentParser(prog="p")
s.add_argument("count", type=positive)
s.add_argument("--neg", type=int)
run(s, ["0"])
run(s, ["3", "--neg", "-2"])
run(s, ["3", "--neg", "-2x"])
l = argparse.ArgumentParser(prog="a-program-with-options")
for i in range(12):
    l.add_argument("--option-%d" % i, metavar="VALUE%d" % i)
l.add_argument("--required-one", required=True)
l.add_argument("target")
print(l.format_usage(), end="")
sys.argv = ["tool.py", "--level", "3"]
t = argparse.ArgumentParser()
t.add_argument("--level", type=int)
print(t.parse_args(), t.prog)
t.error("custom failure")
