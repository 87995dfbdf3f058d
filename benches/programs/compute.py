x = 0
for i in range(3_000_000):
    x += i
print(x)
