# Written for concsim's proxy corpus (not third-party): a worker thread that reads commands
# from a queue and dispatches them with a match statement, the way newer tutorials show
# structural pattern matching next to threading.
import queue
import threading
from dataclasses import dataclass


@dataclass
class Deposit:
    account: str
    amount: int


@dataclass
class Withdraw:
    account: str
    amount: int


balances = {"alice": 100, "bob": 50}
lock = threading.Lock()
commands = queue.Queue()


def worker():
    while True:
        cmd = commands.get()
        match cmd:
            case None:
                commands.task_done()
                break
            case Deposit(account, amount) if amount > 0:
                with lock:
                    balances[account] = balances.get(account, 0) + amount
                print(f"deposited {amount} to {account}")
            case Withdraw(account=acct, amount=amt):
                with lock:
                    if balances.get(acct, 0) >= amt:
                        balances[acct] -= amt
                        print(f"withdrew {amt} from {acct}")
                    else:
                        print(f"insufficient funds for {acct}")
            case ("transfer", src, dst, amt):
                with lock:
                    balances[src] -= amt
                    balances[dst] += amt
                print(f"moved {amt} from {src} to {dst}")
            case {"report": [*names]}:
                with lock:
                    print("report:", {n: balances[n] for n in names})
            case _:
                print(f"unknown command: {cmd!r}")
        commands.task_done()


t = threading.Thread(target=worker, name="bank-worker")
t.start()
for c in [Deposit("alice", 25), Withdraw("bob", 80), Withdraw("bob", 20),
          ("transfer", "alice", "bob", 40), {"report": ["alice", "bob"]}, "oops", Deposit("carol", -5)]:
    commands.put(c)
commands.put(None)
commands.join()
t.join()
print("final:", balances)
