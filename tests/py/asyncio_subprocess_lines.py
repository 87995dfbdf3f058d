# A child's lines read as they come (`async for line in proc.stdout`, readline), and several
# children at once: on the clock, the total is the longest, not the sum.
import asyncio
import sys
import time

CHILD = ("import sys, time\nfor i in range(3):\n    sys.stdout.write('%s line %%d\\n' %% i)\n"
         "    sys.stdout.flush()\n    time.sleep(%s)\n")


async def lines(name, delay):
    proc = await asyncio.create_subprocess_exec(
        sys.executable, '-c', CHILD % (name, delay), stdout=asyncio.subprocess.PIPE)
    got = []
    async for line in proc.stdout:
        if not line.startswith(name.encode() + b' line 0'):
            print('got', line)
        got.append(line)
    rc = await proc.wait()
    return name, rc, got


async def readlines():
    start = time.monotonic()
    proc = await asyncio.create_subprocess_exec(
        'python3', '-c', CHILD % ('r', 0.5), stdout=asyncio.subprocess.PIPE)
    while True:
        line = await proc.stdout.readline()
        if not line:
            break
        print('readline', line, int((time.monotonic() - start) / 0.5))
    print('at_eof', proc.stdout.at_eof())
    print('wait', await proc.wait(), proc.returncode)


async def main():
    await readlines()
    start = time.monotonic()
    results = await asyncio.gather(lines('a', 0.8), lines('b', 0.5), lines('c', 0.3))
    elapsed = time.monotonic() - start
    for r in results:
        print(r)
    print('concurrent:', 2.3 < elapsed < 3)


asyncio.run(main())
