# A module beside import_local.py, imported by it (and a program of its own when run).
GREETING = "hello from the module"
calls = []


def double(x):
    calls.append(x)
    return 2 * x


def fail():
    return {}["missing"]


print("module body runs once, __name__ =", __name__)

if __name__ == "__main__":
    print("run as a program:", double(21))
