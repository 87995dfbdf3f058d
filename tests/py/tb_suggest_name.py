# An uncaught NameError's hint looks in the raising frame's local names, then its module's
# globals, then the builtins.
counter = 3


def report(total_count):
    try:
        pirnt("caught")
    except NameError as e:
        print(str(e), e.name)
    return total_cont


report(counter)
