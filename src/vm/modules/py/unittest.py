# unittest: CPython 3.11's test framework as far as programs use it: TestCase with its
# assert* methods and CPython's failure messages, setUp/tearDown, setUpClass/tearDownClass,
# addCleanup, subTest, skip/skipIf/skipUnless/expectedFailure and SkipTest,
# IsolatedAsyncioTestCase (each test in a fresh asyncio.run), TestSuite, TestLoader,
# TestResult, TextTestRunner and main(), which writes CPython's report to stderr: the dots (or
# verbose lines), the ERROR/FAIL sections with tracebacks, "Ran N tests in T.TTTs" on the
# simulated clock, and OK / FAILED (failures=.., errors=..) with the exit status.
# Invariant: tests run one at a time in the order CPython's loader gives (classes and methods
# by name), and each outcome is recorded in exactly one of the result's lists.
# Not supported: unittest.mock, test discovery from files (python -m unittest discover),
# the multi-line diffs CPython appends to a failed assertEqual on long sequences/strings
# (the first line and the first differing element are given), -k patterns, buffer/catch.

import sys
import time
import traceback

__all__ = ["TestResult", "TestCase", "IsolatedAsyncioTestCase", "TestSuite",
           "TextTestRunner", "TestLoader", "FunctionTestCase", "main", "defaultTestLoader",
           "SkipTest", "skip", "skipIf", "skipUnless", "expectedFailure", "TextTestResult"]

__unittest = True


class SkipTest(Exception):
    pass


class _ShouldStop(Exception):
    pass


def _id(obj):
    return obj


def skip(reason):
    def decorator(test_item):
        if not isinstance(test_item, type):
            def skip_wrapper(*args, **kwargs):
                raise SkipTest(reason)
            skip_wrapper.__name__ = getattr(test_item, "__name__", "skip_wrapper")
            test_item = skip_wrapper
        test_item.__unittest_skip__ = True
        test_item.__unittest_skip_why__ = reason
        return test_item
    if isinstance(reason, type(_id)):
        test_item = reason
        reason = ""
        return decorator(test_item)
    return decorator


def skipIf(condition, reason):
    if condition:
        return skip(reason)
    return _id


def skipUnless(condition, reason):
    if not condition:
        return skip(reason)
    return _id


def expectedFailure(test_item):
    test_item.__unittest_expecting_failure__ = True
    return test_item


def _safe_repr(obj, short=False):
    try:
        result = repr(obj)
    except Exception:
        result = object.__repr__(obj)
    if not short or len(result) < 80:
        return result
    return result[:80] + " [truncated]..."


class _Outcome:
    def __init__(self):
        self.success = True
        self.skipped = None
        self.expecting_failure = False
        self.errors = []


class _RaisesContext:
    def __init__(self, expected, test_case, regex=None, msg=None, by=None):
        self.by = by
        self.expected = expected
        self.test_case = test_case
        self.expected_regex = regex
        self.msg = msg
        self.exception = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        if exc_type is None:
            try:
                name = self.expected.__name__
            except AttributeError:
                name = str(self.expected)
            if self.by is not None:
                self.test_case.fail(self.test_case._formatMessage(
                    self.msg, "%s not raised by %s" % (name, self.by)))
            self.test_case.fail(self.test_case._formatMessage(self.msg, "%s not raised" % name))
        if not issubclass(exc_type, self.expected):
            return False
        self.exception = exc_value
        if self.expected_regex is not None:
            import re
            pattern = self.expected_regex
            if isinstance(pattern, str):
                pattern = re.compile(pattern)
            if not pattern.search(str(exc_value)):
                self.test_case.fail(self.test_case._formatMessage(
                    self.msg, '"%s" does not match "%s"' % (pattern.pattern, str(exc_value))))
        return True


class _SubTest:
    def __init__(self, test_case, msg, params):
        self.test_case = test_case
        self._msg = msg
        self.params = params
        self.failureException = test_case.failureException

    def _subDescription(self):
        parts = []
        if self._msg is not None:
            parts.append("[{}]".format(self._msg))
        if self.params:
            parts.append("({})".format(", ".join("{}={!r}".format(k, v)
                                                 for k, v in self.params.items())))
        return " ".join(parts) or "(<subtest>)"

    def id(self):
        return "{} {}".format(self.test_case.id(), self._subDescription())

    def shortDescription(self):
        return self.test_case.shortDescription()

    def __str__(self):
        return "{} {}".format(self.test_case, self._subDescription())


class TestCase:
    failureException = AssertionError
    longMessage = True
    maxDiff = 80 * 8
    _class_cleanups = []

    def __init__(self, methodName="runTest"):
        self._testMethodName = methodName
        self._outcome = None
        self._cleanups = []
        self._subtest = None
        try:
            getattr(self, methodName)
        except AttributeError:
            if methodName != "runTest":
                raise ValueError("no such test method in %s: %s" % (self.__class__, methodName))

    def setUp(self):
        pass

    def tearDown(self):
        pass

    @classmethod
    def setUpClass(cls):
        pass

    @classmethod
    def tearDownClass(cls):
        pass

    def addCleanup(self, function, /, *args, **kwargs):
        self._cleanups.append((function, args, kwargs))

    def doCleanups(self):
        while self._cleanups:
            function, args, kwargs = self._cleanups.pop()
            self._call(function, *args, **kwargs)

    def countTestCases(self):
        return 1

    def defaultTestResult(self):
        return TestResult()

    def id(self):
        return "%s.%s.%s" % (self.__class__.__module__, self.__class__.__qualname__,
                             self._testMethodName)

    def shortDescription(self):
        doc = getattr(getattr(self, self._testMethodName), "__doc__", None)
        return doc.strip().split("\n")[0].strip() if doc else None

    def __str__(self):
        return "%s (%s.%s.%s)" % (self._testMethodName, self.__class__.__module__,
                                  self.__class__.__qualname__, self._testMethodName)

    def __repr__(self):
        return "<%s.%s testMethod=%s>" % (self.__class__.__module__, self.__class__.__qualname__,
                                         self._testMethodName)

    def __eq__(self, other):
        if type(self) is not type(other):
            return NotImplemented
        return self._testMethodName == other._testMethodName

    def __hash__(self):
        return hash((type(self), self._testMethodName))

    def skipTest(self, reason):
        raise SkipTest(reason)

    def subTest(self, msg=None, **params):
        return _SubTestContext(self, msg, params)

    def _call(self, function, *args, **kwargs):
        return function(*args, **kwargs)

    def _run_part(self, result, test, function, *args):
        outcome = self._outcome
        try:
            self._call(function, *args)
            return True
        except KeyboardInterrupt:
            raise
        except SkipTest as e:
            outcome.success = False
            outcome.skipped = (test, str(e))
        except BaseException as e:
            outcome.success = False
            exc_info = (type(e), e, e.__traceback__)
            if outcome.expecting_failure:
                outcome.expected_failure = exc_info
            else:
                outcome.errors.append((test, exc_info))
        return False

    def run(self, result=None):
        if result is None:
            result = self.defaultTestResult()
        result.startTest(self)
        try:
            method = getattr(self, self._testMethodName)
            if (getattr(self.__class__, "__unittest_skip__", False)
                    or getattr(method, "__unittest_skip__", False)):
                why = (getattr(self.__class__, "__unittest_skip_why__", "")
                       or getattr(method, "__unittest_skip_why__", ""))
                result.addSkip(self, why)
                return result
            outcome = self._outcome = _Outcome()
            outcome.expecting_failure = getattr(method, "__unittest_expecting_failure__", False)
            outcome.expected_failure = None
            outcome.result = result
            if self._run_part(result, self, self._setup_hook):
                self._run_part(result, self, self._test_hook, method)
                self._run_part(result, self, self._teardown_hook)
            self._run_part(result, self, self.doCleanups)
            for test, exc_info in outcome.errors:
                if exc_info is not None and issubclass(exc_info[0], self.failureException):
                    result.addFailure(test, exc_info)
                elif exc_info is not None:
                    result.addError(test, exc_info)
            if outcome.skipped is not None:
                result.addSkip(*outcome.skipped)
            elif outcome.success and not outcome.errors:
                if outcome.expecting_failure:
                    if outcome.expected_failure:
                        result.addExpectedFailure(self, outcome.expected_failure)
                    else:
                        result.addUnexpectedSuccess(self)
                else:
                    result.addSuccess(self)
            elif outcome.expecting_failure and outcome.expected_failure and not outcome.errors:
                result.addExpectedFailure(self, outcome.expected_failure)
            return result
        finally:
            result.stopTest(self)
            self._outcome = None

    def _setup_hook(self):
        self.setUp()

    def _test_hook(self, method):
        method()

    def _teardown_hook(self):
        self.tearDown()

    def __call__(self, *args, **kwds):
        return self.run(*args, **kwds)

    def debug(self):
        self.setUp()
        getattr(self, self._testMethodName)()
        self.tearDown()
        while self._cleanups:
            function, args, kwargs = self._cleanups.pop()
            function(*args, **kwargs)

    # assertions
    def _formatMessage(self, msg, standardMsg):
        if not self.longMessage:
            return msg or standardMsg
        if msg is None:
            return standardMsg
        return "%s : %s" % (standardMsg, msg)

    def fail(self, msg=None):
        raise self.failureException(msg)

    def assertFalse(self, expr, msg=None):
        if expr:
            self.fail(self._formatMessage(msg, "%s is not false" % _safe_repr(expr)))

    def assertTrue(self, expr, msg=None):
        if not expr:
            self.fail(self._formatMessage(msg, "%s is not true" % _safe_repr(expr)))

    def assertRaises(self, expected_exception, *args, **kwargs):
        context = _RaisesContext(expected_exception, self, msg=kwargs.pop("msg", None))
        if not args:
            return context
        callable_obj, args = args[0], args[1:]
        context.by = getattr(callable_obj, "__name__", str(callable_obj))
        with context:
            callable_obj(*args, **kwargs)

    def assertRaisesRegex(self, expected_exception, expected_regex, *args, **kwargs):
        context = _RaisesContext(expected_exception, self, expected_regex,
                                 msg=kwargs.pop("msg", None))
        if not args:
            return context
        callable_obj, args = args[0], args[1:]
        context.by = getattr(callable_obj, "__name__", str(callable_obj))
        with context:
            callable_obj(*args, **kwargs)

    def assertWarns(self, expected_warning, *args, **kwargs):
        raise NotImplementedError("concsim does not support assertWarns yet")

    def _diff_msg(self, first, second, kind):
        standard = "%s differ: %s != %s" % (kind, _safe_repr(first, True),
                                            _safe_repr(second, True))
        if kind in ("Lists", "Tuples", "Sequences"):
            for i in range(min(len(first), len(second))):
                if first[i] != second[i]:
                    return standard + "\n\nFirst differing element %d:\n%s\n%s" % (
                        i, _safe_repr(first[i]), _safe_repr(second[i]))
            if len(first) != len(second):
                longer, n = (first, len(second)) if len(first) > len(second) else (second,
                                                                                  len(first))
                which = "First" if longer is first else "Second"
                extra = len(longer) - n
                if extra == 1:
                    return standard + "\n\n%s %s contains 1 additional elements.\n" % (
                        which, kind[:-1].lower()) + "First extra element %d:\n%s" % (
                        n, _safe_repr(longer[n]))
                return standard + "\n\n%s %s contains %d additional elements.\n" % (
                    which, kind[:-1].lower(), extra) + "First extra element %d:\n%s" % (
                    n, _safe_repr(longer[n]))
        return standard

    def assertEqual(self, first, second, msg=None):
        if not first == second:
            if type(first) is type(second) and type(first) in (list, tuple, dict, set,
                                                               frozenset):
                kind = {list: "Lists", tuple: "Tuples", dict: None, set: None,
                        frozenset: None}[type(first)]
                if kind:
                    self.fail(self._formatMessage(msg, self._diff_msg(first, second, kind)))
                if type(first) is dict:
                    self.fail(self._formatMessage(msg, "%s != %s" % (_safe_repr(first, True),
                                                                     _safe_repr(second, True))))
                if type(first) in (set, frozenset):
                    self._set_diff(first, second, msg)
            if type(first) is str and type(second) is str and ("\n" in first or "\n" in second):
                self.fail(self._formatMessage(msg, "%s != %s" % (_safe_repr(first, True),
                                                                 _safe_repr(second, True))))
            self.fail(self._formatMessage(msg, "%s != %s" % (_safe_repr(first),
                                                             _safe_repr(second))))

    def _set_diff(self, set1, set2, msg):
        lines = []
        d1 = [x for x in set1 if x not in set2]
        d2 = [x for x in set2 if x not in set1]
        if d1:
            lines.append("Items in the first set but not the second:")
            lines.extend(repr(x) for x in d1)
        if d2:
            lines.append("Items in the second set but not the first:")
            lines.extend(repr(x) for x in d2)
        self.fail(self._formatMessage(msg, "\n".join(lines)))

    def assertNotEqual(self, first, second, msg=None):
        if not first != second:
            self.fail(self._formatMessage(msg, "%s == %s" % (_safe_repr(first),
                                                             _safe_repr(second))))

    def assertListEqual(self, list1, list2, msg=None):
        self.assertEqual(list1, list2, msg)

    def assertTupleEqual(self, tuple1, tuple2, msg=None):
        self.assertEqual(tuple1, tuple2, msg)

    def assertDictEqual(self, d1, d2, msg=None):
        self.assertEqual(d1, d2, msg)

    def assertSetEqual(self, set1, set2, msg=None):
        self.assertEqual(set1, set2, msg)

    def assertSequenceEqual(self, seq1, seq2, msg=None, seq_type=None):
        if list(seq1) != list(seq2):
            self.fail(self._formatMessage(msg, self._diff_msg(seq1, seq2, "Sequences")))

    def assertMultiLineEqual(self, first, second, msg=None):
        self.assertEqual(first, second, msg)

    def assertAlmostEqual(self, first, second, places=None, msg=None, delta=None):
        if first == second:
            return
        if delta is not None and places is not None:
            raise TypeError("specify delta or places not both")
        diff = abs(first - second)
        if delta is not None:
            if diff <= delta:
                return
            standard = "%s != %s within %s delta (%s difference)" % (
                _safe_repr(first), _safe_repr(second), _safe_repr(delta), _safe_repr(diff))
        else:
            if places is None:
                places = 7
            if round(diff, places) == 0:
                return
            standard = "%s != %s within %r places (%s difference)" % (
                _safe_repr(first), _safe_repr(second), places, _safe_repr(diff))
        self.fail(self._formatMessage(msg, standard))

    def assertNotAlmostEqual(self, first, second, places=None, msg=None, delta=None):
        if delta is not None and places is not None:
            raise TypeError("specify delta or places not both")
        diff = abs(first - second)
        if delta is not None:
            if not (first == second) and diff > delta:
                return
            standard = "%s == %s within %s delta (%s difference)" % (
                _safe_repr(first), _safe_repr(second), _safe_repr(delta), _safe_repr(diff))
        else:
            if places is None:
                places = 7
            if not (first == second) and round(diff, places) != 0:
                return
            standard = "%s == %s within %r places" % (_safe_repr(first), _safe_repr(second),
                                                      places)
        self.fail(self._formatMessage(msg, standard))

    def assertIn(self, member, container, msg=None):
        if member not in container:
            self.fail(self._formatMessage(msg, "%s not found in %s" % (
                _safe_repr(member), _safe_repr(container))))

    def assertNotIn(self, member, container, msg=None):
        if member in container:
            self.fail(self._formatMessage(msg, "%s unexpectedly found in %s" % (
                _safe_repr(member), _safe_repr(container))))

    def assertIs(self, expr1, expr2, msg=None):
        if expr1 is not expr2:
            self.fail(self._formatMessage(msg, "%s is not %s" % (_safe_repr(expr1),
                                                                 _safe_repr(expr2))))

    def assertIsNot(self, expr1, expr2, msg=None):
        if expr1 is expr2:
            self.fail(self._formatMessage(msg, "unexpectedly identical: %s" % _safe_repr(expr1)))

    def assertIsNone(self, obj, msg=None):
        if obj is not None:
            self.fail(self._formatMessage(msg, "%s is not None" % _safe_repr(obj)))

    def assertIsNotNone(self, obj, msg=None):
        if obj is None:
            self.fail(self._formatMessage(msg, "unexpectedly None"))

    def assertIsInstance(self, obj, cls, msg=None):
        if not isinstance(obj, cls):
            self.fail(self._formatMessage(msg, "%s is not an instance of %r" % (
                _safe_repr(obj), cls)))

    def assertNotIsInstance(self, obj, cls, msg=None):
        if isinstance(obj, cls):
            self.fail(self._formatMessage(msg, "%s is an instance of %r" % (
                _safe_repr(obj), cls)))

    def assertLess(self, a, b, msg=None):
        if not a < b:
            self.fail(self._formatMessage(msg, "%s not less than %s" % (_safe_repr(a),
                                                                        _safe_repr(b))))

    def assertLessEqual(self, a, b, msg=None):
        if not a <= b:
            self.fail(self._formatMessage(msg, "%s not less than or equal to %s" % (
                _safe_repr(a), _safe_repr(b))))

    def assertGreater(self, a, b, msg=None):
        if not a > b:
            self.fail(self._formatMessage(msg, "%s not greater than %s" % (_safe_repr(a),
                                                                           _safe_repr(b))))

    def assertGreaterEqual(self, a, b, msg=None):
        if not a >= b:
            self.fail(self._formatMessage(msg, "%s not greater than or equal to %s" % (
                _safe_repr(a), _safe_repr(b))))

    def assertCountEqual(self, first, second, msg=None):
        first, second = list(first), list(second)
        rest = list(second)
        missing = []
        for x in first:
            if x in rest:
                rest.remove(x)
            else:
                missing.append(x)
        if missing or rest:
            lines = []
            counts = {}
            for x in missing:
                counts.setdefault(repr(x), [0, 0, x])[0] += 1
            for x in rest:
                counts.setdefault(repr(x), [0, 0, x])[1] += 1
            for key, (a, b, x) in counts.items():
                lines.append("First has %d, Second has %d:  %s" % (
                    first.count(x), second.count(x), key))
            self.fail(self._formatMessage(msg, "Element counts were not equal:\n" +
                                          "\n".join(lines)))

    def assertRegex(self, text, expected_regex, msg=None):
        import re
        if isinstance(expected_regex, str):
            expected_regex = re.compile(expected_regex)
        if not expected_regex.search(text):
            self.fail(self._formatMessage(msg, "Regex didn't match: %r not found in %r" % (
                expected_regex.pattern, text)))

    def assertNotRegex(self, text, unexpected_regex, msg=None):
        import re
        if isinstance(unexpected_regex, str):
            unexpected_regex = re.compile(unexpected_regex)
        match = unexpected_regex.search(text)
        if match:
            self.fail(self._formatMessage(msg, "Regex matched: %r matches %r in %r" % (
                text[match.start():match.end()], unexpected_regex.pattern, text)))

    assertEquals = failUnlessEqual = assertEqual
    assertNotEquals = failIfEqual = assertNotEqual
    assert_ = failUnless = assertTrue
    failIf = assertFalse


class _SubTestContext:
    def __init__(self, test, msg, params):
        self.test = test
        self.msg = msg
        self.params = params

    def __enter__(self):
        return None

    def __exit__(self, exc_type, exc, tb):
        outcome = self.test._outcome
        if outcome is None:
            return False
        sub = _SubTest(self.test, self.msg, self.params)
        if exc_type is None:
            return False
        if issubclass(exc_type, SkipTest):
            outcome.result.addSkip(sub, str(exc))
            return True
        if issubclass(exc_type, (KeyboardInterrupt,)):
            return False
        outcome.success = False
        outcome.errors.append((sub, (exc_type, exc, tb)))
        return True


class IsolatedAsyncioTestCase(TestCase):
    async def asyncSetUp(self):
        pass

    async def asyncTearDown(self):
        pass

    def addAsyncCleanup(self, func, /, *args, **kwargs):
        self.addCleanup(self._run_coro, func, *args, **kwargs)

    def _run_coro(self, func, *args, **kwargs):
        return self._runner_await(func(*args, **kwargs))

    def _runner_await(self, coro):
        import asyncio
        return asyncio.run(coro)

    def _setup_hook(self):
        self.setUp()
        self._runner_await(self.asyncSetUp())

    def _test_hook(self, method):
        r = method()
        if r is not None and type(r).__name__ == "coroutine":
            self._runner_await(r)

    def _teardown_hook(self):
        self._runner_await(self.asyncTearDown())
        self.tearDown()


class FunctionTestCase(TestCase):
    def __init__(self, testFunc, setUp=None, tearDown=None, description=None):
        TestCase.__init__(self)
        self._setUpFunc = setUp
        self._tearDownFunc = tearDown
        self._testFunc = testFunc
        self._description = description

    def setUp(self):
        if self._setUpFunc is not None:
            self._setUpFunc()

    def tearDown(self):
        if self._tearDownFunc is not None:
            self._tearDownFunc()

    def runTest(self):
        self._testFunc()

    def id(self):
        return self._testFunc.__name__

    def __str__(self):
        return "%s (%s)" % (self.__class__.__name__, self._testFunc.__name__)


class TestSuite:
    def __init__(self, tests=()):
        self._tests = []
        self.addTests(tests)

    def __iter__(self):
        return iter(self._tests)

    def __repr__(self):
        return "<unittest.suite.TestSuite tests=%s>" % list(self)

    def countTestCases(self):
        return sum(t.countTestCases() for t in self._tests)

    def addTest(self, test):
        if not callable(test):
            raise TypeError("{} is not callable".format(repr(test)))
        if isinstance(test, type) and issubclass(test, (TestCase, TestSuite)):
            raise TypeError("TestCases and TestSuites must be instantiated before passing "
                            "them to addTest()")
        self._tests.append(test)

    def addTests(self, tests):
        if isinstance(tests, str):
            raise TypeError("tests must be an iterable of tests, not a string")
        for test in tests:
            self.addTest(test)

    def run(self, result):
        prev_class = None
        for test in _flatten(self):
            if result.shouldStop:
                break
            cls = test.__class__
            if cls is not prev_class:
                if prev_class is not None:
                    _class_teardown(prev_class, result)
                prev_class = cls
                if not _class_setup(cls, result):
                    prev_class = None
                    continue
            test(result)
        if prev_class is not None:
            _class_teardown(prev_class, result)
        return result

    def __call__(self, *args, **kwds):
        return self.run(*args, **kwds)

    def debug(self):
        for test in _flatten(self):
            test.debug()


def _flatten(suite):
    for t in suite:
        if isinstance(t, TestSuite):
            yield from _flatten(t)
        else:
            yield t


class _ErrorHolder:
    def __init__(self, description):
        self.description = description

    def id(self):
        return self.description

    def shortDescription(self):
        return None

    def __str__(self):
        return self.description

    def countTestCases(self):
        return 0


def _class_setup(cls, result):
    if getattr(cls, "__unittest_skip__", False) or not hasattr(cls, "setUpClass"):
        return True
    try:
        cls.setUpClass()
        return True
    except SkipTest as e:
        result.addSkip(_ErrorHolder("setUpClass (%s.%s)" % (cls.__module__, cls.__qualname__)),
                       str(e))
    except Exception as e:
        result.addError(_ErrorHolder("setUpClass (%s.%s)" % (cls.__module__, cls.__qualname__)),
                        (type(e), e, e.__traceback__))
    return False


def _class_teardown(cls, result):
    if getattr(cls, "__unittest_skip__", False) or not hasattr(cls, "tearDownClass"):
        return
    try:
        cls.tearDownClass()
    except Exception as e:
        result.addError(_ErrorHolder("tearDownClass (%s.%s)" % (cls.__module__,
                                                                 cls.__qualname__)),
                        (type(e), e, e.__traceback__))


class TestLoader:
    testMethodPrefix = "test"
    sortTestMethodsUsing = None
    suiteClass = TestSuite

    def __init__(self):
        self.errors = []

    def getTestCaseNames(self, testCaseClass):
        names = []
        for name in dir(testCaseClass):
            if name.startswith(self.testMethodPrefix) and callable(getattr(testCaseClass, name)):
                names.append(name)
        return sorted(names)

    def loadTestsFromTestCase(self, testCaseClass):
        if issubclass(testCaseClass, TestSuite):
            raise TypeError("Test cases should not be derived from TestSuite. Maybe you meant "
                            "to derive from TestCase?")
        names = self.getTestCaseNames(testCaseClass)
        if not names and hasattr(testCaseClass, "runTest"):
            names = ["runTest"]
        return self.suiteClass([testCaseClass(n) for n in names])

    def loadTestsFromModule(self, module, *, pattern=None):
        tests = []
        for name in sorted(dir(module)):
            obj = getattr(module, name)
            if isinstance(obj, type) and issubclass(obj, TestCase) and obj not in (
                    TestCase, IsolatedAsyncioTestCase, FunctionTestCase):
                tests.append(self.loadTestsFromTestCase(obj))
        load_tests = getattr(module, "load_tests", None)
        suite = self.suiteClass(tests)
        if load_tests is not None:
            return load_tests(self, suite, pattern)
        return suite

    def loadTestsFromName(self, name, module=None):
        parts = name.split(".")
        obj = module
        for part in parts:
            obj = getattr(obj, part)
        if isinstance(obj, type) and issubclass(obj, TestCase):
            return self.loadTestsFromTestCase(obj)
        if isinstance(obj, TestSuite):
            return obj
        if callable(obj) and len(parts) >= 2:
            parent = module
            for part in parts[:-1]:
                parent = getattr(parent, part)
            if isinstance(parent, type) and issubclass(parent, TestCase):
                return self.suiteClass([parent(parts[-1])])
        raise TypeError("don't know how to make test from: %s" % obj)

    def loadTestsFromNames(self, names, module=None):
        return self.suiteClass([self.loadTestsFromName(n, module) for n in names])

    def discover(self, start_dir, pattern="test*.py", top_level_dir=None):
        raise NotImplementedError("concsim does not support unittest test discovery yet")


defaultTestLoader = TestLoader()


def makeSuite(testCaseClass, prefix="test", sortUsing=None, suiteClass=TestSuite):
    return defaultTestLoader.loadTestsFromTestCase(testCaseClass)


class TestResult:
    def __init__(self, stream=None, descriptions=None, verbosity=None):
        self.failures = []
        self.errors = []
        self.testsRun = 0
        self.skipped = []
        self.expectedFailures = []
        self.unexpectedSuccesses = []
        self.shouldStop = False
        self.buffer = False
        self.failfast = False

    def startTest(self, test):
        self.testsRun += 1

    def stopTest(self, test):
        pass

    def startTestRun(self):
        pass

    def stopTestRun(self):
        pass

    def _exc_info_to_string(self, err, test):
        exctype, value, tb = err
        return "".join(traceback.format_exception(exctype, value, tb))

    def addError(self, test, err):
        self.errors.append((test, self._exc_info_to_string(err, test)))
        if self.failfast:
            self.stop()

    def addFailure(self, test, err):
        self.failures.append((test, self._exc_info_to_string(err, test)))
        if self.failfast:
            self.stop()

    def addSuccess(self, test):
        pass

    def addSkip(self, test, reason):
        self.skipped.append((test, reason))

    def addExpectedFailure(self, test, err):
        self.expectedFailures.append((test, self._exc_info_to_string(err, test)))

    def addUnexpectedSuccess(self, test):
        self.unexpectedSuccesses.append(test)

    def addSubTest(self, test, subtest, err):
        pass

    def wasSuccessful(self):
        return (len(self.failures) == len(self.errors) == 0
                and not self.unexpectedSuccesses)

    def stop(self):
        self.shouldStop = True

    def __repr__(self):
        return "<unittest.result.TestResult run=%i errors=%i failures=%i>" % (
            self.testsRun, len(self.errors), len(self.failures))


class _WritelnDecorator:
    def __init__(self, stream):
        self.stream = stream

    def write(self, s):
        self.stream.write(s)

    def writeln(self, arg=None):
        if arg:
            self.write(arg)
        self.write("\n")

    def flush(self):
        self.stream.flush()


class TextTestResult(TestResult):
    separator1 = "=" * 70
    separator2 = "-" * 70

    def __init__(self, stream, descriptions, verbosity):
        TestResult.__init__(self, stream, descriptions, verbosity)
        self.stream = stream
        self.showAll = verbosity > 1
        self.dots = verbosity == 1
        self.descriptions = descriptions
        self._newline = True

    def getDescription(self, test):
        doc = test.shortDescription()
        if self.descriptions and doc:
            return "\n".join((str(test), doc))
        return str(test)

    def startTest(self, test):
        TestResult.startTest(self, test)
        if self.showAll:
            self.stream.write(self.getDescription(test))
            self.stream.write(" ... ")
            self.stream.flush()
            self._newline = False

    def _write_status(self, test, status):
        is_subtest = isinstance(test, _SubTest)
        if is_subtest or self._newline:
            if not self._newline:
                self.stream.writeln()
            if is_subtest:
                self.stream.write("  ")
            self.stream.write(self.getDescription(test))
            self.stream.write(" ... ")
        self.stream.writeln(status)
        self.stream.flush()
        self._newline = True

    def _mark(self, test, long, short):
        if self.showAll:
            self._write_status(test, long)
        elif self.dots:
            self.stream.write(short)
            self.stream.flush()

    def addSuccess(self, test):
        TestResult.addSuccess(self, test)
        self._mark(test, "ok", ".")

    def addError(self, test, err):
        TestResult.addError(self, test, err)
        self._mark(test, "ERROR", "E")

    def addFailure(self, test, err):
        TestResult.addFailure(self, test, err)
        self._mark(test, "FAIL", "F")

    def addSkip(self, test, reason):
        TestResult.addSkip(self, test, reason)
        self._mark(test, "skipped {0!r}".format(reason), "s")

    def addExpectedFailure(self, test, err):
        TestResult.addExpectedFailure(self, test, err)
        self._mark(test, "expected failure", "x")

    def addUnexpectedSuccess(self, test):
        TestResult.addUnexpectedSuccess(self, test)
        self._mark(test, "unexpected success", "u")

    def printErrors(self):
        if self.dots or self.showAll:
            self.stream.writeln()
            self.stream.flush()
        self.printErrorList("ERROR", self.errors)
        self.printErrorList("FAIL", self.failures)
        unexpected = getattr(self, "unexpectedSuccesses", ())
        if unexpected:
            self.stream.writeln(self.separator1)
            for test in unexpected:
                self.stream.writeln("UNEXPECTED SUCCESS: %s" % self.getDescription(test))
            self.stream.flush()

    def printErrorList(self, flavour, errors):
        for test, err in errors:
            self.stream.writeln(self.separator1)
            self.stream.writeln("%s: %s" % (flavour, self.getDescription(test)))
            self.stream.writeln(self.separator2)
            self.stream.writeln("%s" % err)
            self.stream.flush()


class TextTestRunner:
    resultclass = TextTestResult

    def __init__(self, stream=None, descriptions=True, verbosity=1, failfast=False,
                 buffer=False, resultclass=None, warnings=None, *, tb_locals=False):
        if stream is None:
            stream = sys.stderr
        self.stream = _WritelnDecorator(stream)
        self.descriptions = descriptions
        self.verbosity = verbosity
        self.failfast = failfast
        self.buffer = buffer
        if resultclass is not None:
            self.resultclass = resultclass

    def _makeResult(self):
        return self.resultclass(self.stream, self.descriptions, self.verbosity)

    def run(self, test):
        result = self._makeResult()
        result.failfast = self.failfast
        start = time.perf_counter()
        result.startTestRun()
        try:
            test(result)
        finally:
            result.stopTestRun()
        taken = time.perf_counter() - start
        result.printErrors()
        self.stream.writeln(result.separator2)
        run = result.testsRun
        self.stream.writeln("Ran %d test%s in %.3fs" % (run, run != 1 and "s" or "", taken))
        self.stream.writeln()
        infos = []
        if not result.wasSuccessful():
            self.stream.write("FAILED")
            if result.failures:
                infos.append("failures=%d" % len(result.failures))
            if result.errors:
                infos.append("errors=%d" % len(result.errors))
        elif run == 0 and not result.skipped:
            self.stream.write("NO TESTS RAN")
        else:
            self.stream.write("OK")
        if result.skipped:
            infos.append("skipped=%d" % len(result.skipped))
        if result.expectedFailures:
            infos.append("expected failures=%d" % len(result.expectedFailures))
        if result.unexpectedSuccesses:
            infos.append("unexpected successes=%d" % len(result.unexpectedSuccesses))
        if infos:
            self.stream.writeln(" (%s)" % (", ".join(infos),))
        else:
            self.stream.write("\n")
        self.stream.flush()
        return result


class TestProgram:
    def __init__(self, module="__main__", defaultTest=None, argv=None, testRunner=None,
                 testLoader=defaultTestLoader, exit=True, verbosity=1, failfast=None,
                 catchbreak=None, buffer=None, warnings=None, *, tb_locals=False):
        import _concsim
        if isinstance(module, str):
            self.module = _concsim.imported(module)
        else:
            self.module = module
        if argv is None:
            argv = sys.argv
        self.exit = exit
        self.verbosity = verbosity
        self.failfast = failfast
        self.testRunner = testRunner
        self.testLoader = testLoader
        names = []
        for a in argv[1:]:
            if a in ("-v", "--verbose"):
                self.verbosity = 2
            elif a in ("-q", "--quiet"):
                self.verbosity = 0
            elif a in ("-f", "--failfast"):
                self.failfast = True
            elif not a.startswith("-"):
                names.append(a)
        if defaultTest is not None and not names:
            names = [defaultTest] if isinstance(defaultTest, str) else list(defaultTest)
        if names:
            self.test = testLoader.loadTestsFromNames(names, self.module)
        else:
            self.test = testLoader.loadTestsFromModule(self.module)
        self.runTests()

    def runTests(self):
        runner = self.testRunner
        if runner is None:
            runner = TextTestRunner
        if isinstance(runner, type):
            runner = runner(verbosity=self.verbosity, failfast=bool(self.failfast))
        self.result = runner.run(self.test)
        if self.exit:
            sys.exit(not self.result.wasSuccessful())


main = TestProgram
