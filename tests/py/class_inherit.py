# single inheritance, overriding, super() and Base.__init__(self, ...)
class Animal(object):
    def __init__(self, name):
        self.name = name

    def run(self):
        print('%s is running...' % self.name)

    def speak(self):
        return '...'

    def describe(self):
        return '%s says %s' % (self.name, self.speak())

class Dog(Animal):
    def speak(self):
        return 'Woof'

class Cat(Animal):
    def __init__(self, name, indoor):
        super().__init__(name)
        self.indoor = indoor

    def speak(self):
        return 'Meow'

    def run(self):
        print('%s refuses to run.' % self.name)

class Kitten(Cat):
    def __init__(self, name):
        Cat.__init__(self, name, True)

    def speak(self):
        return super().speak().lower() + '~'

for a in [Animal('Generic'), Dog('Rex'), Cat('Tom', False), Kitten('Kit')]:
    a.run()
    print(a.describe())

k = Kitten('Mia')
print(k.indoor, k.name)
print(isinstance(k, Kitten), isinstance(k, Cat), isinstance(k, Animal), isinstance(k, Dog))
print(issubclass(Kitten, Animal), issubclass(Animal, Kitten), issubclass(Dog, object))
print(type(k).__name__, Kitten.__name__)

class Base:
    def __init__(self, x):
        self.x = x
    def __str__(self):
        return 'Base(x=%d)' % self.x

class Derived(Base):
    def __init__(self, x, y):
        super(Derived, self).__init__(x)
        self.y = y

d = Derived(1, 2)
print(d, d.y)
