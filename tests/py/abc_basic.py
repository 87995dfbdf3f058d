from abc import ABC, ABCMeta, abstractmethod, abstractproperty
import abc

class Shape(ABC):
    @abstractmethod
    def area(self): ...
    def describe(self):
        return "%s with area %s" % (type(self).__name__, self.area())

class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s

print(Square(3).describe())
print(sorted(Shape.__abstractmethods__), Square.__abstractmethods__)
try:
    Shape()
except TypeError as e:
    print("TypeError:", e)

class Base(metaclass=ABCMeta):
    @abstractmethod
    def run(self): pass
    @abstractmethod
    def stop(self): pass
    @property
    @abstractmethod
    def name(self): pass
    @classmethod
    @abstractmethod
    def make(cls): pass
    @staticmethod
    @abstractmethod
    def helper(): pass

try:
    Base()
except TypeError as e:
    print("TypeError:", e)

class Half(Base):
    def run(self): return "running"
try:
    Half()
except TypeError as e:
    print("TypeError:", e)

class Full(Half):
    def stop(self): return "stopped"
    @property
    def name(self): return "full"
    @classmethod
    def make(cls): return cls()
    @staticmethod
    def helper(): return 42

f = Full.make()
print(f.run(), f.stop(), f.name, f.helper(), isinstance(f, Base), issubclass(Full, Half))
print(type(Base).__name__, type(ABC).__name__, isinstance(Base, ABCMeta))

class Worker(ABC):
    def __init__(self, n):
        self.n = n
    @abstractmethod
    def work(self): ...
class W(Worker):
    def work(self): return self.n * 2
print(W(21).work())
print(getattr(Worker.work, "__isabstractmethod__", False), getattr(W.work, "__isabstractmethod__", False))

class P(ABC):
    @abc.abstractproperty
    def x(self): ...
try:
    P()
except TypeError as e:
    print("TypeError:", e)

class Plain(ABC):
    pass
print(type(Plain()).__name__, Plain.__abstractmethods__)

class Q(ABC):
    @abstractmethod
    def a(self): ...
    @abstractmethod
    def b(self): ...
    @abstractmethod
    def c(self): ...
try:
    Q()
except TypeError as e:
    print("TypeError:", e)
print(isinstance(abc.get_cache_token(), int))
class R(ABC):
    @abc.abstractclassmethod
    def mk(cls): ...
    @abc.abstractstaticmethod
    def st(): ...
try:
    R()
except TypeError as e:
    print("TypeError:", e)
class R2(R):
    @classmethod
    def mk(cls): return "mk"
    @staticmethod
    def st(): return "st"
print(R2.mk(), R2.st(), R2().mk())

# virtual subclasses
class Drawable(ABC):
    @abstractmethod
    def draw(self): ...
class Sprite:
    def draw(self): return "sprite"
print(Drawable.register(Sprite) is Sprite)
print(isinstance(Sprite(), Drawable), issubclass(Sprite, Drawable), isinstance(3, Drawable))
print(Sprite.__mro__ == (Sprite, object), Drawable.__abstractmethods__)
@Drawable.register
class Text:
    pass
print(isinstance(Text(), Drawable), issubclass(bool, Drawable))
Drawable.register(int)
print(isinstance(3, Drawable), isinstance(True, Drawable), isinstance("s", Drawable), isinstance(3, (str, Drawable)))
class Sub(Drawable):
    pass
Sub.register(float)
print(issubclass(float, Drawable), issubclass(float, Sub), issubclass(int, Sub))
try:
    Drawable.register(3)
except TypeError as e:
    print("TypeError:", e)
try:
    Sprite.__mro__ and Sub.register(Drawable)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    issubclass(3, Drawable)
except TypeError as e:
    print("TypeError:", e)
class Sized(ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Sized:
            return hasattr(C, "__len__")
        return NotImplemented
class Box:
    def __len__(self): return 0
class Bag(Box):
    pass
print(isinstance(Bag(), Sized), isinstance(3.5, Sized), issubclass(Bag, Sized), isinstance(Text(), Sized))
print(isinstance(Box(), Sized), issubclass(Box, (int, Sized)))
