# A manager's proxies given to builtins that read them whole: dict(), max(), a slice.
import multiprocessing

if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        d = manager.dict()
        l = manager.list([3, 1, 2])
        d["x"] = 1
        d["y"] = 2
        print(dict(d), sorted(dict(d).items()))
        print(max(l), min(l), sorted(l), sum(l))
        print(l[1:], l[::-1], l[:2])
        merged = {"z": 0}
        merged.update(d)
        print(sorted(merged.items()))
