# slicing with negatives and steps, slice assignment and del
L = list(range(10))
print(L[0:3], L[:3], L[1:3], L[-2:], L[-2:-1], L[:-7])
print(L[::2], L[1::3], L[::-1], L[8:2:-2], L[-1:-4:-1])
print(L[5:100], L[100:], L[:0], L[3:3])
print(L[-100:2], L[::-3])
s = 'Hello, World'
print(s[:5], s[-5:], s[::-1], s[::2], s[7], s[-1])
t = (0, 1, 2, 3, 4)
print(t[1:4], t[::-2], t[:])
L2 = L[:]
L2[2:5] = ['a', 'b']
print(L2)
L2[:0] = [-1, -2]
print(L2)
L2[len(L2):] = [100]
print(L2)
L3 = list(range(8))
L3[::2] = 'WXYZ'
print(L3)
del L3[1]
print(L3)
del L3[-2:]
print(L3)
del L3[::2]
print(L3)
L4 = [1, 2, 3, 4, 5]
L4[1:4] = []
print(L4)
L5 = [0, 1, 2]
L5[1:2] = [9, 9, 9]
print(L5)
b = b'abcdef'
print(b[1:3], b[0], b[::-1])
print('abc'[1:], 'abc'[5:], 'x'[:-1] == '')
print(L[-3], L[len(L) - 1])
