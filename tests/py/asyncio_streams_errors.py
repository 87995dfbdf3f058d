# Streams' errors: a port in use, bad sizes and separators, str data, a closed server's
# serve_forever, an unknown host; a handler that closes at once (EOF for the client).
import asyncio


async def h(r, w):
    w.close()


async def main():
    s1 = await asyncio.start_server(h, '127.0.0.1', 8765)
    try:
        await asyncio.start_server(h, '127.0.0.1', 8765)
    except OSError as e:
        print(type(e).__name__, e.errno, e)
    r = asyncio.StreamReader()
    try:
        await r.readexactly(-1)
    except ValueError as e:
        print(e)
    try:
        await r.readuntil(b'')
    except ValueError as e:
        print(e)
    reader, writer = await asyncio.open_connection('127.0.0.1', 8765)
    print(await reader.read(), reader.at_eof())
    try:
        writer.write('str')
    except TypeError as e:
        print(e)
    writer.close()
    await writer.wait_closed()
    s1.close()
    await s1.wait_closed()
    try:
        await s1.serve_forever()
    except RuntimeError as e:
        print(str(e)[:30])
    try:
        await asyncio.open_connection('nohost.invalid', 80)
    except OSError as e:
        print(type(e).__name__, e)


asyncio.run(main())
