# The second tutorial's first multiprocessing program (the built-in scenario process_hello, with
# sleeps of 0.1 s instead of 1 s to keep the recording quick).
import multiprocessing
import time

def func(msg):
    for i in range(3):
        print(msg)
        time.sleep(0.1)

if __name__ == "__main__":
    p = multiprocessing.Process(target=func, args=("hello", ))
    p.start()
    p.join()
    print("Sub-process done.")
