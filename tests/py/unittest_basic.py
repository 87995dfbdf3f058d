import asyncio
import io
import re
import sys
import unittest

log = []


class Account:
    def __init__(self, balance=0):
        self.balance = balance

    def withdraw(self, n):
        if n > self.balance:
            raise ValueError("insufficient funds")
        self.balance -= n


class AccountTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        log.append("setUpClass")

    @classmethod
    def tearDownClass(cls):
        log.append("tearDownClass")

    def setUp(self):
        self.acct = Account(10)
        self.addCleanup(log.append, "cleanup")

    def tearDown(self):
        log.append("tearDown")

    def test_withdraw(self):
        self.acct.withdraw(3)
        self.assertEqual(self.acct.balance, 7)

    def test_overdraw(self):
        with self.assertRaises(ValueError) as cm:
            self.acct.withdraw(50)
        self.assertEqual(str(cm.exception), "insufficient funds")
        self.assertRaisesRegex(ValueError, "insuff", self.acct.withdraw, 99)

    def test_asserts(self):
        self.assertTrue(1)
        self.assertFalse(0)
        self.assertIn(1, [1, 2])
        self.assertNotIn(3, [1, 2])
        self.assertIsNone(None)
        self.assertIsNotNone(0)
        self.assertIsInstance(1, int)
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertGreater(2, 1)
        self.assertLessEqual(1, 1)
        self.assertCountEqual([1, 2, 2], [2, 1, 2])
        self.assertRegex("hello", "l+")
        self.assertNotEqual(1, 2)

    def test_bad_math(self):
        self.assertEqual(2 + 2, 5)

    def test_crash(self):
        {}["missing"]

    @unittest.skip("not today")
    def test_skipped(self):
        pass

    @unittest.expectedFailure
    def test_known_bug(self):
        self.assertEqual(1, 0)

    def test_sub(self):
        for i in range(4):
            with self.subTest(i=i):
                self.assertNotEqual(i, 2)


class AsyncTest(unittest.IsolatedAsyncioTestCase):
    async def asyncSetUp(self):
        self.queue = asyncio.Queue()

    async def test_queue(self):
        await self.queue.put(1)
        self.assertEqual(await self.queue.get(), 1)

    async def test_gather(self):
        async def double(x):
            await asyncio.sleep(0.01)
            return x * 2
        self.assertEqual(await asyncio.gather(double(1), double(2)), [2, 4])


class Messages(unittest.TestCase):
    def test_messages(self):
        checks = [lambda: self.assertEqual(1, 2), lambda: self.assertEqual(1, 2, "custom"),
                  lambda: self.assertTrue(0), lambda: self.assertFalse([1]),
                  lambda: self.assertIn(5, [1, 2]), lambda: self.assertNotIn(1, [1]),
                  lambda: self.assertIs(1, None), lambda: self.assertIsNot(None, None),
                  lambda: self.assertIsNone(3), lambda: self.assertIsNotNone(None),
                  lambda: self.assertIsInstance(1, str), lambda: self.assertGreater(1, 2),
                  lambda: self.assertGreaterEqual(1, 2), lambda: self.assertLess(2, 1),
                  lambda: self.assertLessEqual(2, 1), lambda: self.assertAlmostEqual(1.0, 1.1),
                  lambda: self.assertAlmostEqual(1, 2, delta=0.5),
                  lambda: self.assertNotEqual(1, 1),
                  lambda: self.assertRaises(KeyError, lambda: None), lambda: self.fail("boom"),
                  lambda: self.assertCountEqual([1, 1], [1])]
        for check in checks:
            try:
                check()
            except AssertionError as e:
                print(str(e).replace("\n", "|"))


stream = io.StringIO()
runner = unittest.TextTestRunner(stream=stream, verbosity=2)
suite = unittest.TestLoader().loadTestsFromTestCase(AccountTest)
result = runner.run(suite)
print(re.sub(r"\d+\.\d{3}s", "T", stream.getvalue()).replace(__file__, "FILE"))
print(result.testsRun, len(result.failures), len(result.errors), len(result.skipped),
      len(result.expectedFailures), result.wasSuccessful())
print(log)
stream = io.StringIO()
result = unittest.TextTestRunner(stream=stream).run(
    unittest.TestSuite([unittest.defaultTestLoader.loadTestsFromTestCase(AsyncTest)]))
print(re.sub(r"\d+\.\d{3}s", "T", stream.getvalue()))
unittest.TextTestRunner(stream=io.StringIO()).run(unittest.TestSuite([Messages("test_messages")]))
unittest.main(argv=["prog"], verbosity=0)
