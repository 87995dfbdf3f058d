import sys, threading
print(sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
try:
    sys.setswitchinterval(0)
except ValueError as e:
    print(e)
out = []
def w(n):
    for i in range(3):
        out.append(n)
ts = [threading.Thread(target=w, args=(k,)) for k in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(out))
