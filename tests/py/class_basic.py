# classes: __init__, methods, attributes, __str__/__repr__, class attributes
class Student(object):
    school = 'Concsim High'

    def __init__(self, name, score):
        self.name = name
        self.score = score

    def print_score(self):
        print('%s: %s' % (self.name, self.score))

    def get_grade(self):
        if self.score >= 90:
            return 'A'
        elif self.score >= 60:
            return 'B'
        else:
            return 'C'

    def __str__(self):
        return 'Student(%s)' % self.name

    def __repr__(self):
        return 'Student(%r, %r)' % (self.name, self.score)

bart = Student('Bart Simpson', 59)
lisa = Student('Lisa Simpson', 87)
bart.print_score()
lisa.print_score()
print(bart.get_grade(), lisa.get_grade())
print(bart)
print(str(lisa), repr(lisa))
print([bart, lisa])
print('%s and %r' % (bart, lisa))
print(f'{bart} / {lisa!r}')
bart.age = 10
print(bart.age)
print(bart.school, Student.school)
bart.school = 'Springfield'
print(bart.school, lisa.school, Student.school)
print(type(bart).__name__, isinstance(bart, Student))

class Plain:
    pass

p = Plain()
p.x = 1
p.y = [p.x, 2]
print(p.x, p.y)
print(type(p).__name__)

class Counter:
    total = 0
    def __init__(self):
        Counter.total += 1
        self.id = Counter.total

a, b, c = Counter(), Counter(), Counter()
print(a.id, b.id, c.id, Counter.total)
m = lisa.get_grade
print(m())
