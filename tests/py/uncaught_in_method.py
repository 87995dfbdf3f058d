# uncaught exception inside a method: last line of stderr and exit status
class Stack:
    def __init__(self):
        self.items = []
    def pop(self):
        return self.items.pop()

s = Stack()
s.items.append('only')
print(s.pop())
print(s.pop())
