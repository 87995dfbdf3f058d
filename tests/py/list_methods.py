# list methods
L = ['Michael', 'Bob', 'Tracy']
L.append('Adam')
print(L)
L.insert(1, 'Jack')
print(L)
print(L.pop(), L)
print(L.pop(1), L)
print(L.pop(0), L)
L.extend(['x', 'y'])
L.extend('zw')
print(L)
L.remove('x')
print(L, L.index('y'), L.count('Bob'))
nums = [5, 2, 9, 1, 5, 6]
nums.sort()
print(nums)
nums.sort(reverse=True)
print(nums)
words = ['banana', 'Apple', 'cherry', 'date']
words.sort()
print(words)
words.sort(key=str.lower)
print(words)
words.sort(key=len, reverse=True)
print(words)
pairs = [(2, 'b'), (1, 'z'), (2, 'a'), (1, 'y')]
pairs.sort(key=lambda p: p[0])
print(pairs)
nums.reverse()
print(nums)
c = nums.copy()
c.append(100)
print(nums, c)
print(nums.index(5), nums.index(5, 3))
nums.clear()
print(nums, len(nums))
stack = []
stack.append(1); stack.append(2)
print(stack.pop(), stack)
print([3, 1, 2].sort())
print([1, 2] + [3], [[1]] * 2, [1, 2, 3][-1])
m = [1, 2, 3]
m[1] = 'two'
print(m, 2 in m, 'two' in m)
try:
    [].pop()
except IndexError as e:
    print('IndexError:', e)
try:
    [1].remove(2)
except ValueError as e:
    print('ValueError:', e)
try:
    [1, 2].index(3)
except ValueError as e:
    print('ValueError:', e)
