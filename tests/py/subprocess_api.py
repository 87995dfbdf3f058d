import subprocess

print(subprocess.call(['echo', 'hello', 'world']))
r = subprocess.run(['echo', 'captured'], capture_output=True)
print(r.returncode, r.stdout, r.stderr)
print(subprocess.run(['cat'], input='a b\nc\n', capture_output=True, text=True).stdout, end='')
print(subprocess.check_output(['echo', 'out']))
print(subprocess.run(['wc', '-l'], input=b'1\n2\n3\n', stdout=subprocess.PIPE).stdout)
print(subprocess.call(['false']), subprocess.call(['true']))
try:
    subprocess.run(['false'], check=True)
except subprocess.CalledProcessError as e:
    print(e, e.returncode)
try:
    subprocess.check_call(['false'])
except subprocess.CalledProcessError as e:
    print(e)
try:
    subprocess.run(['no-such-command-xyz'])
except FileNotFoundError as e:
    print(e)
try:
    subprocess.run(['sleep', '5'], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print('timed out:', e.cmd, 0 < e.timeout <= 0.2)
p = subprocess.Popen(['sleep', '5'])
print(p.poll())
p.kill()
print(p.wait())
p = subprocess.Popen(['cat'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, err = p.communicate(b'piped')
print(out, err, p.returncode)
