# bytes and str encoding
b = b'hello'
print(b, len(b), b[0], b[1:3], type(b).__name__)
print(b + b' world', b * 2, b'ell' in b)
print('ABC'.encode('ascii'), '中文'.encode('utf-8'))
print(b'ABC'.decode('ascii'), b'\xe4\xb8\xad\xe6\x96\x87'.decode('utf-8'))
print(len('中文'), len('中文'.encode('utf-8')))
print(bytes([65, 66, 67]), bytes(3), list(b'AB'))
print(b'a,b,c'.split(b','), b'-'.join([b'x', b'y']), b'  pad '.strip())
print(b'abc'.upper(), b'Hello'.startswith(b'He'), b'abcabc'.count(b'b'), b'abc'.find(b'c'))
print(repr(b'\x00\x01\xff'), b'\n', b"'", b'"')
print(b'abc' == b'abc', b'abc' < b'abd', b'' == b'')
print(str(b'x'), bytes('x', 'utf-8'))
print(b'hi'.hex(), bytes.fromhex('6869'))
for byte in b'AZ':
    print(byte, end=' ')
print()
try:
    b'\xff'.decode('utf-8')
except UnicodeDecodeError as e:
    print('UnicodeDecodeError:', e)
