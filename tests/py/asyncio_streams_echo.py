# The docs' TCP echo client and server in one program (start_server, open_connection), then a
# connection to the closed port.
import asyncio


async def handle_echo(reader, writer):
    data = await reader.read(100)
    message = data.decode()
    addr = writer.get_extra_info('peername')
    print(f"Received {message!r} from {addr[0]!r}")
    print(f"Send: {message!r}")
    writer.write(data)
    await writer.drain()
    print("Close the connection")
    writer.close()
    await writer.wait_closed()


async def tcp_echo_client(message):
    reader, writer = await asyncio.open_connection('127.0.0.1', 8888)
    print(f'Send: {message!r}')
    writer.write(message.encode())
    await writer.drain()
    data = await reader.read(100)
    print(f'Received: {data.decode()!r}')
    print('peername', writer.get_extra_info('peername'))
    print('Close the connection')
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle_echo, '127.0.0.1', 8888)
    addrs = ', '.join(str(sock.getsockname()) for sock in server.sockets)
    print(f'Serving on {addrs}')
    print('serving', server.is_serving())
    async with server:
        await tcp_echo_client('Hello World!')
        await tcp_echo_client('Second')
    print('serving', server.is_serving(), server.sockets)
    try:
        await asyncio.open_connection('127.0.0.1', 8888)
    except ConnectionRefusedError as e:
        print(type(e).__name__, e.errno, e)


asyncio.run(main())
