# asyncio.create_subprocess_shell over the simulated shell (the docs' example), and
# create_subprocess_exec's exit status and missing program.
import asyncio
from asyncio.subprocess import PIPE
import asyncio.subprocess


async def run(cmd):
    proc = await asyncio.create_subprocess_shell(cmd, stdout=PIPE, stderr=PIPE)
    stdout, stderr = await proc.communicate()
    print(f'[{cmd!r} exited with {proc.returncode}]')
    if stdout:
        print(f'[stdout]\n{stdout.decode()}')
    if stderr:
        print(f'[stderr]\n{stderr.decode()}')
    return proc.returncode


async def main():
    await run('ls /nonexistent; echo hi')
    await run('echo hello; exit 3')
    await run('cat /nonexistent')
    print(await asyncio.gather(run('echo a'), run('sleep 0.2; echo b')))
    print(asyncio.subprocess.PIPE, asyncio.subprocess.STDOUT, asyncio.subprocess.DEVNULL)
    proc = await asyncio.create_subprocess_shell('echo merged; ls /nonexistent', stdout=PIPE,
                                                 stderr=asyncio.subprocess.STDOUT)
    out, err = await proc.communicate()
    print(out, err, proc.returncode)
    proc = await asyncio.create_subprocess_shell('echo quiet', stdout=asyncio.subprocess.DEVNULL)
    print(await proc.communicate(), await proc.wait())
    rc = await (await asyncio.create_subprocess_exec('sh', '-c', 'exit 7')).wait()
    print('exec rc', rc)
    try:
        await asyncio.create_subprocess_exec('no-such-program-xyz')
    except FileNotFoundError as e:
        print(type(e).__name__, e)
    try:
        await asyncio.create_subprocess_shell(['echo'])
    except ValueError as e:
        print('ValueError', e)


asyncio.run(main())
