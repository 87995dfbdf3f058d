import threading

class Account:
    def __init__(self):
        self.lock = threading.Lock()
        self.balance = 0

    def deposit(self, n):
        with self.lock:
            self.balance += n

    def deposit_twice(self, n):
        with self.lock:
            self.deposit(n)
            self.deposit(n)

acct = Account()
t = threading.Thread(target=acct.deposit_twice, args=(5,))
u = threading.Thread(target=acct.deposit, args=(1,))
t.start()
u.start()
t.join()
u.join()
print(acct.balance)
