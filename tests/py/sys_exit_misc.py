# sys.exit() with no argument and with None exits 0; finally blocks still run
import sys
def main():
    try:
        print('in main')
        sys.exit()
    finally:
        print('finally runs on sys.exit')
main()
print('not reached')
