# User metaclasses deriving from type: __new__, __init__, __call__, inherited metaclasses,
# the three-argument type(), and class attributes found on the metaclass.
import threading


class SingletonMeta(type):
    _instances = {}
    _lock = threading.Lock()

    def __call__(cls, *args, **kwargs):
        with cls._lock:
            if cls not in cls._instances:
                cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class Database(metaclass=SingletonMeta):
    def __init__(self, url):
        print("connecting", url)
        self.url = url


class Cache(metaclass=SingletonMeta):
    pass


d1 = Database("a")
d2 = Database("b")
print(d1 is d2, d1.url, Cache() is Cache(), type(Database).__name__)
print(isinstance(Database, SingletonMeta), isinstance(Database, type), type(d1).__name__)


class RegistryMeta(type):
    registry = {}

    def __new__(mcs, name, bases, ns, **kwargs):
        print("new", mcs.__name__, name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith("__")), kwargs)
        cls = super().__new__(mcs, name, bases, ns)
        if bases:
            mcs.registry[name] = cls
        return cls

    def __init__(cls, name, bases, ns, **kwargs):
        print("init", name)
        super().__init__(name, bases, ns)

    def describe(cls):
        return f"<{cls.__name__} with {len(cls.__dict__)} entries>"

    @property
    def label(cls):
        return cls.__name__.upper()


class Handler(metaclass=RegistryMeta):
    def handle(self):
        return "base"


class EmailHandler(Handler, kind="email"):
    def handle(self):
        return "email " + super().handle()


class SmsHandler(Handler):
    pass


print(sorted(RegistryMeta.registry), EmailHandler().handle(), SmsHandler().handle())
print(type(SmsHandler).__name__, SmsHandler.label, Handler.describe().startswith("<Handler"))
try:
    SmsHandler().describe
except AttributeError as e:
    print("AttributeError:", e)


class Meta(type):
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        cls.created_by_meta = True


Dyn = Meta("Dyn", (), {"x": 1, "double": lambda self: self.x * 2})
print(Dyn.x, Dyn().double(), Dyn.created_by_meta, type(Dyn).__name__)
Plain = type("Plain", (Dyn,), {"y": 2})
print(Plain.y, Plain.x, type(Plain).__name__, Plain.created_by_meta)


class Other(type):
    pass


class A(metaclass=Meta):
    pass


class B(metaclass=Other):
    pass


try:
    class C(A, B):
        pass
except TypeError as e:
    print("TypeError:", e)


def as_function(name, bases, ns):
    print("function metaclass", name)
    return 42


class NotAClass(metaclass=as_function):
    pass


print(NotAClass)
print(type.__call__(Database, "z") is d1, type(type), type(SingletonMeta).__name__)
