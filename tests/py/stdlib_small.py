# heapq, bisect, string (constants, capwords, Template), copy (shallow and deep, memo,
# instances, __copy__/__deepcopy__), select as a sleep.
import bisect
import copy
import heapq
import string

h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print(h, heapq.heappop(h), h, heapq.heappushpop(h, 4), heapq.heapreplace(h, 10), h)
data = [9, 4, 7, 1, 8, 2]
heapq.heapify(data)
print(data, [heapq.heappop(data) for _ in range(len(data))])
tasks = []
for prio, name in [(2, "write"), (1, "read"), (3, "sleep"), (1, "eat")]:
    heapq.heappush(tasks, (prio, name))
print([heapq.heappop(tasks) for _ in range(4)])
print(heapq.nlargest(3, [5, 1, 8, 3, 9]), heapq.nsmallest(2, ["bb", "a", "ccc"], key=len),
      list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6])))
a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 5), bisect.bisect_left(a, 0))
bisect.insort(a, 5)
bisect.insort_left(a, 4)
print(a, bisect.bisect_left([(1, "a"), (3, "c")], 2, key=lambda p: p[0]))
grades = "FDCBA"
print([grades[bisect.bisect([60, 70, 80, 90], s)] for s in [33, 99, 77, 70, 89, 90, 100]])
print(string.ascii_letters, string.digits, string.punctuation, repr(string.whitespace), len(string.printable))
print(string.capwords("hello  wide world"), string.capwords("a-b-c", "-"))
t = string.Template("$who likes ${what}; costs $$5")
print(t.substitute(who="tim", what="kung pao"), t.substitute({"who": "x", "what": "y"}))
print(string.Template("$a and $b").safe_substitute(a=1), string.Template("${a}x").get_identifiers())
try:
    t.substitute(who="x")
except KeyError as e:
    print("KeyError", e)
try:
    string.Template("bad $ here").substitute()
except ValueError as e:
    print("ValueError:", e)

orig = {"list": [1, [2, 3]], "n": 1}
shallow = copy.copy(orig)
deep = copy.deepcopy(orig)
orig["list"][1].append(4)
print(shallow, deep, shallow["list"] is orig["list"], deep["list"] is orig["list"])
shared = [1]
pair = [shared, shared]
dp = copy.deepcopy(pair)
print(dp[0] is dp[1], dp[0] is shared)
rec = [1]
rec.append(rec)
rc = copy.deepcopy(rec)
print(rc[1] is rc, rc is not rec)


class Node:
    def __init__(self, v, kids=None):
        self.v = v
        self.kids = kids or []

    def __repr__(self):
        return "Node(%r, %r)" % (self.v, self.kids)


n = Node(1, [Node(2)])
n2 = copy.deepcopy(n)
n3 = copy.copy(n)
n.kids[0].v = 99
print(n2, n3, type(n2) is Node, n3.kids is n.kids)


class Custom:
    def __copy__(self):
        return "custom copy"

    def __deepcopy__(self, memo):
        return "custom deepcopy"


print(copy.copy(Custom()), copy.deepcopy([Custom()]), copy.copy((1, 2)), copy.deepcopy("s"))

# select with no descriptors: a sleep that lets other threads run.
import select
import threading
import time

start = time.time()
threads = [threading.Thread(target=select.select, args=([], [], [], 0.1)) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(select.select([], [], [], 0), 0.1 <= time.time() - start < 0.5)
