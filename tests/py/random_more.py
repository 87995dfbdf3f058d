import random
random.seed(42)
print(random.sample(range(100), 5), random.sample("abcdefghij", 3))
print(random.sample(list(range(1000)), 8))
print(random.choices("abc", k=5), random.choices([1, 2, 3], weights=[10, 1, 1], k=6))
print(random.choices([1, 2, 3], cum_weights=[1, 2, 30], k=4))
print(round(random.expovariate(2.0), 12), round(random.normalvariate(10, 2), 12))
try:
    random.sample({1, 2}, 1)
except TypeError as e:
    print(e)
try:
    random.sample([1], 2)
except ValueError as e:
    print(e)
