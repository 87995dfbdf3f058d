# A name capture before other cases is a SyntaxError (CPython's compile-time check).
def f(cmd):
    match cmd:
        case x:
            return x
        case 1:
            return 1


print(f(1))
