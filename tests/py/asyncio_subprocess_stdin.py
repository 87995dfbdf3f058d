# A child's stdin: write, drain and close to cat, communicate(input=...), a dialogue line by line.
import asyncio
from asyncio.subprocess import PIPE


async def main():
    proc = await asyncio.create_subprocess_exec('cat', stdin=PIPE, stdout=PIPE)
    proc.stdin.write(b'hello\n')
    await proc.stdin.drain()
    proc.stdin.write(b'world\n')
    proc.stdin.writelines([b'a', b'b\n'])
    print('can_write_eof', proc.stdin.can_write_eof())
    proc.stdin.close()
    print('closing', proc.stdin.is_closing())
    await proc.stdin.wait_closed()
    print(await proc.stdout.read())
    print('rc', await proc.wait())

    proc = await asyncio.create_subprocess_exec('cat', stdin=PIPE, stdout=PIPE)
    out, err = await proc.communicate(input=b'one\ntwo\n')
    print(out, err, proc.returncode)

    proc = await asyncio.create_subprocess_shell('sort', stdin=PIPE, stdout=PIPE)
    out, _ = await proc.communicate(b'pear\napple\nfig\n')
    print(out.decode().split(), proc.returncode)

    proc = await asyncio.create_subprocess_exec('cat', stdin=PIPE, stdout=PIPE)
    proc.stdin.write(b'interactive\n')
    print(await proc.stdout.readline())
    proc.stdin.write(b'again\n')
    print(await proc.stdout.readline())
    proc.stdin.close()
    print(await proc.stdout.readline(), await proc.wait())

    proc = await asyncio.create_subprocess_exec('cat', stdin=PIPE, stdout=PIPE)
    try:
        proc.stdin.write('text')
    except AssertionError as e:
        print('AssertionError', e)
    proc.stdin.close()
    print(await proc.communicate())


asyncio.run(main())
