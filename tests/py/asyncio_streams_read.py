# StreamReader's reads (readline, readexactly, readuntil, async for, read to EOF,
# IncompleteReadError, the limit), write_eof, and serve_forever() cancelled.
import asyncio
import asyncio.exceptions


async def handler(reader, writer):
    first = await reader.readline()
    print('server readline', first)
    exact = await reader.readexactly(5)
    print('server readexactly', exact)
    until = await reader.readuntil(b';')
    print('server readuntil', until)
    async for line in reader:
        print('server line', line)
        writer.write(line.upper())
        await writer.drain()
    print('server eof', reader.at_eof())
    writer.write(b'bye\n')
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handler, '127.0.0.1', 9001)
    serving = asyncio.create_task(server.serve_forever())
    reader, writer = await asyncio.open_connection('127.0.0.1', 9001)
    writer.write(b'hello\n12345abc;')
    writer.writelines([b'one\n', b'two\n'])
    await writer.drain()
    print('client', await reader.readline())
    print('client', await reader.readline())
    writer.write_eof()
    print('client', await reader.readline())
    print('client', await reader.read())
    try:
        await reader.readexactly(3)
    except asyncio.IncompleteReadError as e:
        print('IncompleteReadError', e, e.partial, e.expected)
    writer.close()
    await writer.wait_closed()
    print('closing', writer.is_closing())
    serving.cancel()
    try:
        await serving
    except asyncio.CancelledError:
        print('serve_forever cancelled', server.is_serving())
    e = asyncio.IncompleteReadError(b'ab', None)
    print(e, repr(e), isinstance(e, EOFError))
    print(asyncio.LimitOverrunError('m', 3).consumed)

    print(asyncio.exceptions.IncompleteReadError is asyncio.IncompleteReadError, asyncio.exceptions.CancelledError)
    from asyncio.streams import StreamReader
    r = StreamReader()
    r.feed_data(b'x\ny')
    r.feed_eof()
    print(r, await r.readline(), await r.readline(), await r.readline(), r.at_eof())
    r = StreamReader(limit=4)
    r.feed_data(b'abcdefgh\nrest\n')
    try:
        await r.readline()
    except ValueError as e:
        print('ValueError', e)
    print(await r.readline())


asyncio.run(main())
