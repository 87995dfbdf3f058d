# csv: reading and writing files and StringIO with the quoting modes, dialects,
# DictReader/DictWriter, as a tutorial does.
import csv
import io
import os
import shutil
import tempfile

d = tempfile.mkdtemp()
path = os.path.join(d, "people.csv")
rows = [["name", "age", "city"], ["Alice", 30, "New York, NY"], ["Bob", 25, 'He said "hi"'],
        ["Carol", None, "multi\nline"], ["", 1.5, ""]]
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    for row in rows:
        print(w.writerow(row))
with open(path, newline="") as f:
    print(repr(f.read()))
with open(path, newline="") as f:
    r = csv.reader(f)
    for row in r:
        print(r.line_num, row)

for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC):
    s = io.StringIO()
    csv.writer(s, quoting=quoting).writerows([[1, "a b", 2.5, None, True], ["x,y", "", 'q"q']])
    print(quoting, repr(s.getvalue()))
    if quoting != csv.QUOTE_NONNUMERIC:
        print(list(csv.reader(io.StringIO(s.getvalue()), quoting=quoting)))
s = io.StringIO()
csv.writer(s, quoting=csv.QUOTE_NONNUMERIC).writerows([[1, "a b", 2.5, None], [-3, "", "x"]])
print(repr(s.getvalue()), list(csv.reader(io.StringIO(s.getvalue()), quoting=csv.QUOTE_NONNUMERIC)))
s = io.StringIO()
w = csv.writer(s, delimiter=";", quotechar="'", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
w.writerow(["a;b", "it's", "back\\slash", 'dq"'])
print(repr(s.getvalue()), list(csv.reader(io.StringIO(s.getvalue()), delimiter=";", quoting=csv.QUOTE_NONE, escapechar="\\")))
s = io.StringIO()
csv.writer(s, doublequote=False, escapechar="\\").writerow(['say "x"', "a\\b"])
print(repr(s.getvalue()), list(csv.reader([s.getvalue()], doublequote=False, escapechar="\\")))
s = io.StringIO()
csv.writer(s, "unix").writerow(["a", 1])
csv.writer(s, "excel-tab").writerow(["b\tc", 2])
csv.writer(s, lineterminator="X").writerow(["aXb", "c"])
print(repr(s.getvalue()))

# DictWriter and DictReader.
with open(path, "w", newline="") as f:
    dw = csv.DictWriter(f, fieldnames=["first", "last", "score"], restval="?")
    print(dw.writeheader())
    dw.writerow({"first": "Ada", "last": "Lovelace", "score": 99})
    dw.writerows([{"first": "Alan", "score": 88}, {"last": "Hopper", "first": "Grace", "score": 97}])
with open(path, newline="") as f:
    dr = csv.DictReader(f)
    print(dr.fieldnames, dr.line_num)
    for rec in dr:
        print(dr.line_num, rec)
text = "a,b\n1,2,3,4\n\n5\n"
for rec in csv.DictReader(io.StringIO(text), restkey="extra", restval="none"):
    print(rec)
print(list(csv.DictReader(["x;y", "1;2"], fieldnames=["p", "q"], delimiter=";")))
print(list(csv.DictReader([])), csv.DictReader([]).fieldnames)
s = io.StringIO()
dw = csv.DictWriter(s, ["a", "b"], extrasaction="ignore", quoting=csv.QUOTE_ALL)
dw.writerow({"a": 1, "c": 3})
print(repr(s.getvalue()))

# Dialects.
class Pipes(csv.Dialect):
    delimiter = "|"
    quotechar = "'"
    doublequote = True
    skipinitialspace = True
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL


csv.register_dialect("pipes", Pipes)
csv.register_dialect("semi", delimiter=";", quoting=csv.QUOTE_ALL)
csv.register_dialect("semi2", "semi", lineterminator="\n")
print(sorted(csv.list_dialects()))
p = csv.get_dialect("pipes")
print(type(p).__name__, p.delimiter, p.quotechar, p.skipinitialspace, repr(p.lineterminator), p.quoting, p.strict, p.escapechar)
print(list(csv.reader(["a| b|  'c|d'"], "pipes")), csv.get_dialect("semi2").delimiter, repr(csv.get_dialect("semi2").lineterminator))
csv.unregister_dialect("semi2")
print(sorted(csv.list_dialects()))
e = csv.excel()
print(e.delimiter, repr(e.lineterminator), csv.excel_tab.delimiter == "\t", csv.unix_dialect.quoting == csv.QUOTE_ALL)
print(csv.reader([], e).dialect.delimiter, csv.reader([], csv.excel_tab).dialect.delimiter, csv.reader([], csv.excel_tab(), delimiter=";").dialect.delimiter)
r = csv.reader([], quotechar=None)
print(r.dialect.quoting, r.dialect.quotechar, csv.reader([], doublequote=0).dialect.doublequote, csv.writer(io.StringIO()).dialect.delimiter)
print(csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE, csv.__version__, csv.Error.__mro__[1].__name__)

# The parser's corners.
print(list(csv.reader(['"a\nb",c\n', 'd\n'])), list(csv.reader(['"a\n', 'b",c\n', 'd\n'])))
print(list(csv.reader(['a\\\n', 'b,c\n'], escapechar="\\")), list(csv.reader(['a\\'], escapechar="\\")))
print(list(csv.reader(['\n', '', 'x\n'])), list(csv.reader(['a,b\r\n', 'c\n'])), list(csv.reader(['a"b"c,d'])))
print(list(csv.reader(['"a""b",c'])), list(csv.reader(['"a"'], quoting=csv.QUOTE_NONE)), list(csv.reader(['a, b,  "c"'], skipinitialspace=True)))
print(list(csv.reader(['1,,2.5,"3"'], quoting=csv.QUOTE_NONNUMERIC)), list(csv.reader(['"a"b,c'])), list(csv.reader(['a,"b'])))
print(list(csv.reader(["a\0b"])), list(csv.reader(["a,b", "c"])), list(csv.reader(io.StringIO("x,y\r\nz"))))
r = csv.reader(["a\n", '"b\n', 'c"\n', "d"])
print([(row, r.line_num) for row in r])
old = csv.field_size_limit(5)
print(old, list(csv.reader(["abcde"])))
try:
    list(csv.reader(['"abcdef"']))
except csv.Error as e:
    print("Error", e)
print(csv.field_size_limit(old), csv.field_size_limit())


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__module__, type(e).__name__, e)


t(lambda: csv.reader(io.StringIO(""), delimiter=5))
t(lambda: csv.reader(io.StringIO(""), delimiter="ab"))
t(lambda: csv.reader(io.StringIO(""), delimiter=""))
t(lambda: csv.reader(io.StringIO(""), delimiter=None))
t(lambda: csv.reader(io.StringIO(""), quotechar=5))
t(lambda: csv.reader(io.StringIO(""), quotechar="ab"))
t(lambda: csv.reader(io.StringIO(""), escapechar=5))
t(lambda: csv.reader(io.StringIO(""), escapechar=""))
t(lambda: csv.reader(io.StringIO(""), lineterminator=5))
t(lambda: csv.reader(io.StringIO(""), quoting=9))
t(lambda: csv.reader(io.StringIO(""), quoting="a"))
t(lambda: csv.reader(io.StringIO(""), quoting=1.0))
t(lambda: csv.reader([], quotechar=None, quoting=csv.QUOTE_ALL))
t(lambda: csv.reader([], lineterminator=None))
t(lambda: csv.reader(io.StringIO(""), bogus=1))
t(lambda: csv.reader(io.StringIO(""), "nope"))
t(lambda: csv.reader())
t(lambda: csv.reader(5))
t(lambda: csv.writer(5))
t(lambda: csv.writer())
t(lambda: csv.reader([], "excel", 3))
t(lambda: csv.writer(io.StringIO(), "excel", dialect="unix"))
t(lambda: csv.get_dialect("nope"))
t(lambda: csv.field_size_limit("a"))
t(lambda: csv.field_size_limit(1, 2))
t(lambda: csv.register_dialect("x", delimiter=5))
t(lambda: csv.register_dialect(5))
t(lambda: csv.register_dialect("x", "nope"))
t(lambda: csv.unregister_dialect("nope"))
t(lambda: list(csv.reader([b"a,b"])))
t(lambda: list(csv.reader([5])))
t(lambda: list(csv.reader(['a,"b'], strict=True)))
t(lambda: list(csv.reader(['"a"b,c'], strict=True)))
t(lambda: list(csv.reader(['"a"b;c'], delimiter=";", quotechar="'", strict=True)))
t(lambda: list(csv.reader(["'a'b;c"], delimiter=";", quotechar="'", strict=True)))
t(lambda: list(csv.reader(['a\rb'])))
t(lambda: list(csv.reader(['1,"2",x'], quoting=csv.QUOTE_NONNUMERIC)))
t(lambda: csv.writer(io.StringIO()).writerow(5))
t(lambda: csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow(["a,b"]))
t(lambda: csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow([""]))
t(lambda: csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow([]))
t(lambda: csv.writer(io.StringIO(), doublequote=False).writerow(['a"b']))
t(lambda: csv.writer(io.StringIO()).writerows(5))
t(lambda: csv.writer(io.StringIO()).writerows([5]))
t(lambda: setattr(csv.get_dialect("excel"), "delimiter", ";"))
t(lambda: csv.Dialect())
t(lambda: type("D", (csv.Dialect,), {"delimiter": ";"})())
t(lambda: csv.DictWriter(io.StringIO(), ["a"], extrasaction="x"))
t(lambda: csv.DictWriter(io.StringIO(), ["a"]).writerow({"a": 1, "b": 2}))
t(lambda: csv.Sniffer)
t(lambda: next(csv.reader([])))
shutil.rmtree(d)
next(csv.reader(['"x'], strict=True))
