import shlex

print(shlex.split("git commit -m 'first commit'"))
