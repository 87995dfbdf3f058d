import statistics as st
import random
datasets = [
    [1, 2, 3, 4], [1, 2, 3], [2.5, 3.25, 5.75, 0.1], [0.1] * 10, [1e150, 3e150, -2e149],
    [3, 1.5, 2, 7], [True, False, True], [10**20, 1, 3], [1.1, 2.2, 3.3, 4.4, 5.5, 6.6],
    [-1.5, 2.25, 0.001, 1e-9, 42], [5, 5, 5], [0.3, 0.6, 0.9, 1.2],
]
random.seed(7)
datasets.append([random.random() for _ in range(50)])
datasets.append([random.randint(-100, 100) for _ in range(31)])
for d in datasets:
    print(repr(st.mean(d)), repr(st.fmean(d)), repr(st.median(d)), st.median_low(d), st.median_high(d))
    print("  ", repr(st.variance(d)), repr(st.pvariance(d)), repr(st.stdev(d)), repr(st.pstdev(d)))
print(repr(st.variance([1, 2, 3, 4], 2.5)), repr(st.pvariance([1.5, 2.5], mu=2)), repr(st.stdev([2, 4, 6], xbar=4)))
print(st.mode([1, 2, 2, 3, 3]), st.mode("abracadabra"), st.multimode("aabbbbccddddeeffffgg"), st.multimode([]))
print(st.median([3, 1, 2, 5]), st.median(["b", "a", "c"]), repr(st.mean([1, 2, 3, 4.0])))
print(st.fmean([3.5, 4.0, 5.25]), st.fmean([1, 2, 3], weights=[0.25, 0.25, 0.5]))
print(repr(st.mean([float("inf"), 1.0])), repr(st.pvariance([float("inf"), 1.0])))
for f, arg in [(st.mean, []), (st.fmean, []), (st.median, []), (st.mode, []), (st.variance, [1]),
               (st.pvariance, []), (st.stdev, [2]), (st.pstdev, []), (st.median_low, []), (st.median_high, [])]:
    try:
        f(arg)
    except st.StatisticsError as e:
        print(f.__name__, "StatisticsError:", e)
try:
    st.mean(["1", "2"])
except TypeError as e:
    print("TypeError:", e)
try:
    st.fmean([1, 2], weights=[1])
except st.StatisticsError as e:
    print("StatisticsError:", e)
print(issubclass(st.StatisticsError, ValueError))
