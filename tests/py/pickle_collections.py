import pickle
from collections import OrderedDict, Counter, defaultdict, deque
for o in (OrderedDict(a=1, b=2), Counter("aab"), defaultdict(list, {"x": [1]}), defaultdict(None), deque([1, 2], maxlen=5), deque([3]), deque()):
    data = pickle.dumps(o)
    back = pickle.loads(data)
    print(data)
    print(" ", back, type(back).__name__)
d = pickle.loads(pickle.dumps(defaultdict(int)))
d["k"] += 1
print(d, pickle.loads(pickle.dumps(deque([1], maxlen=2))).maxlen)
