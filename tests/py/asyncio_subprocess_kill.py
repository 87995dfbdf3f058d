# terminate()/kill()/send_signal() and their return codes, signalling a process already
# reaped, and wait_for(communicate(), timeout) raising TimeoutError.
import asyncio
from asyncio.subprocess import PIPE


async def main():
    proc = await asyncio.create_subprocess_exec('sleep', '10')
    await asyncio.sleep(0.2)
    print('running', proc.returncode)
    proc.terminate()
    print('terminated', await proc.wait(), proc.returncode)

    proc = await asyncio.create_subprocess_exec('sleep', '10', stdout=PIPE)
    proc.kill()
    print('killed', await proc.wait())
    try:
        proc.kill()
    except ProcessLookupError as e:
        print('exited:', repr(e))
    proc = await asyncio.create_subprocess_exec('sleep', '5', stdout=PIPE)
    try:
        await asyncio.wait_for(proc.communicate(), timeout=0.5)
    except asyncio.TimeoutError as e:
        print('timeout', type(e).__name__, repr(e))
    proc.kill()
    print('after kill', await proc.wait())
    proc = await asyncio.create_subprocess_exec('sleep', '10', stdout=PIPE)
    await asyncio.sleep(0.1)
    proc.send_signal(15)
    print(await proc.communicate(), proc.returncode)


asyncio.run(main())
