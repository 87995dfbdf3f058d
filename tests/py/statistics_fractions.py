# statistics over Fraction data: exact Fraction results, floats when mixed with floats.
import statistics
from fractions import Fraction as F

data = [F(1, 2), F(1, 3), F(5, 6), F(1)]
print(repr(statistics.mean(data)), repr(statistics.median(data)), repr(statistics.median_low(data)))
print(repr(statistics.variance(data)), repr(statistics.pvariance(data)), statistics.stdev(data), statistics.pstdev(data))
print(repr(statistics.mean([F(1, 2), 1, True])), repr(statistics.mean([F(1, 2), 0.5])), repr(statistics.variance([F(1), 2.0, 4])))
print(statistics.fmean(data), repr(statistics.mode([F(1, 2), F(2, 4), F(1, 3)])), statistics.multimode([F(1, 2), F(1, 3)]))
print(repr(statistics.mean([F(1, 3)] * 3)), repr(statistics.pvariance([F(1, 7), F(2, 7)], mu=F(3, 14))))
try:
    statistics.mean([F(1, 2), "a"])
except TypeError as e:
    print(e)
