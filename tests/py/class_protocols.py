# __new__, __init_subclass__, class keywords, __set_name__ and user descriptors.
import threading


class Singleton:
    _instance = None
    _lock = threading.Lock()

    def __new__(cls, *args, **kwargs):
        with cls._lock:
            if cls._instance is None:
                print("creating", cls.__name__)
                cls._instance = super().__new__(cls)
        return cls._instance

    def __init__(self, value):
        print("init", value)
        self.value = value


a = Singleton(1)
b = Singleton(2)
print(a is b, a.value, type(a).__name__)


class Plain:
    def __new__(cls):
        obj = object.__new__(cls)
        obj.made = True
        return obj


p = Plain()
print(p.made, isinstance(p, Plain))


class Other:
    def __init__(self):
        print("Other.__init__ runs only when called directly")


class Factory:
    def __new__(cls, x):
        return Other.__new__(Other)

    def __init__(self, x):
        print("never", x)


f = Factory(3)
print(type(f).__name__)


class Number:
    def __new__(cls, n):
        if n < 0:
            return None
        return super().__new__(cls)

    def __init__(self, n):
        self.n = n


print(Number(-1), Number(4).n)
print(Number.__new__(Number, 5).__class__.__name__, hasattr(Number.__new__(Number, 5), "n"))

try:
    object.__new__(Number, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    object.__new__(5)
except TypeError as e:
    print("TypeError:", e)


class NoNewNoInit:
    pass


try:
    NoNewNoInit(1)
except TypeError as e:
    print("TypeError:", e)


# __init_subclass__ and class keyword arguments.
class Plugin:
    registry = []

    def __init_subclass__(cls, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry.append(cls)


class CsvPlugin(Plugin, name="csv"):
    pass


class JsonPlugin(Plugin):
    pass


print([c.plugin_name for c in Plugin.registry])


class Base:
    pass


try:
    class Bad(Base, extra=1):
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    class Bad2(Plugin, colour="red"):
        pass
except TypeError as e:
    print("TypeError:", e)


class WithType(metaclass=type):
    x = 1


print(WithType.x, type(WithType).__name__)


# __set_name__ and descriptors.
class Field:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, "unset")

    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.name[1:]} must be an int")
        setattr(obj, self.name, value)

    def __delete__(self, obj):
        print("deleting", self.name)
        delattr(obj, self.name)


class Record:
    age = Field()
    size = Field()

    def __init__(self, age):
        self.age = age


r = Record(30)
print(r.age, r.size, vars(r))
r.size = 4
print(r.size)
r.__dict__["age"] = "shadow"
print(r.age)
try:
    r.age = "old"
except TypeError as e:
    print("TypeError:", e)
del r.size
print(r.size)
print(type(Record.age).__name__)


class Lazy:
    """A non-data descriptor: the instance dict wins once set."""

    def __init__(self, func):
        self.func = func

    def __get__(self, obj, cls):
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.func.__name__] = value
        return value


class Circle:
    def __init__(self, r):
        self.r = r

    @Lazy
    def area(self):
        print("computing")
        return 3 * self.r * self.r


c = Circle(2)
print(c.area, c.area)
c.area = 99
print(c.area)


class ReadOnly:
    def __get__(self, obj, cls):
        return 42

    def __set__(self, obj, value):
        raise AttributeError("read-only")


class H:
    answer = ReadOnly()


h = H()
print(h.answer, H.answer)
try:
    h.answer = 1
except AttributeError as e:
    print("AttributeError:", e)
