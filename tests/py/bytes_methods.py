# bytes search and strip methods: start/end bounds, int needles, tuples, error messages
b = b'hello world, hello bytes'


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__ + ':', e)


print(b.find(b'hello'), b.find(b'hello', 1), b.find(b'hello', 1, 15), b.find(b'hello', -11))
print(b.rfind(b'hello'), b.rfind(b'hello', 0, 17), b.rfind(b'o'), b.rfind(b'zz'))
print(b.find(b'o', -5, -1), b.rfind(b'l', 2, -3), b.find(ord('w')), b.rfind(ord('l')))
print(b.find(b''), b.find(b'', 5), b.find(b'', 24), b.find(b'', 25), b.rfind(b''), b.rfind(b'', 3, 7))
print(b.find(b'o', None, None), b.find(b'o', 5, 2), b.find(True), b.find(b'h', -100, 100))
print(b.index(b'world'), b.rindex(b'hello'), b.index(b'l', 4), b.rindex(b'l', 0, 10))
print(b.count(b'l'), b.count(b'l', 5), b.count(b'l', 0, 10), b.count(b''), b.count(b'', 3, 6))
print(b.count(ord('o')), b'aaaa'.count(b'aa'), b.count(b'x', 30), b.count(b'', 30))
print(b.startswith(b'hello'), b.startswith(b'world', 6), b.startswith(b'world', 6, 8))
print(b.endswith(b'bytes'), b.endswith(b'world', 0, 11), b.endswith(b'world', -13, -2))
print(b.startswith((b'x', b'he')), b.endswith((b'x', b'y')), b.startswith(()))
print(b.startswith(b'', 24), b.startswith(b'', 25), b.endswith(b'', 3, 2), b.startswith((b'h', 'x')))
print(b'  \t pad \n '.strip(), b'  pad  '.lstrip(), b'  pad  '.rstrip(), b'  pad  '.rstrip(None))
print(b'xxpadyx'.strip(b'xy'), b'xxpadyx'.lstrip(b'xy'), b'xxpadyx'.rstrip(b'xy'), b'xyx'.strip(b'xy'))
print(b''.strip(), b'   '.rstrip(), b'   '.lstrip(), b'abc'.rstrip(b''))
print(b'path/to/file.txt'.rfind(b'/'), b'path/to/file.txt'[b'path/to/file.txt'.rfind(b'.') + 1:])

show('find str', lambda: b.find('o'))
show('rfind str', lambda: b.rfind('o'))
show('count str', lambda: b.count('o'))
show('index float', lambda: b.index(1.5))
show('find 300', lambda: b.find(300))
show('find -1', lambda: b.find(-1))
show('index missing', lambda: b.index(b'zz'))
show('rindex missing', lambda: b.rindex(b'h', 1, 5))
show('find no args', lambda: b.find())
show('rfind many', lambda: b.rfind(b'o', 1, 2, 3))
show('count no args', lambda: b.count())
show('startswith str', lambda: b.startswith('h'))
show('endswith int', lambda: b.endswith(104))
show('endswith list', lambda: b.endswith([b'x']))
show('startswith tuple str', lambda: b.startswith(('h',)))
show('startswith no args', lambda: b.startswith())
show('endswith many', lambda: b.endswith(b'a', 1, 2, 3))
show('strip str', lambda: b.strip('h'))
show('lstrip int', lambda: b.lstrip(1))
show('rstrip two', lambda: b.rstrip(b'a', b'b'))
show('unbound', lambda: bytes.rfind('abc', b'a'))
