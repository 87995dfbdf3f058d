import threading
import unittest


class Counter:
    def __init__(self):
        self.value = 0
        self.lock = threading.Lock()

    def increment(self):
        with self.lock:
            self.value += 1


class CounterTest(unittest.TestCase):
    def test_threads(self):
        c = Counter()

        def work():
            for _ in range(100):
                c.increment()
        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(c.value, 400)

    def test_start(self):
        self.assertEqual(Counter().value, 0)

    @unittest.skipIf(True, "demo")
    def test_skip(self):
        self.fail()


if __name__ == "__main__":
    print("running")
    unittest.main()
