# Written for concsim's proxy corpus (not third-party): results of a ThreadPoolExecutor
# sorted out with match, as a tutorial on error handling in thread pools would.
from concurrent.futures import ThreadPoolExecutor, as_completed
import time


def fetch(n):
    time.sleep(0.01 * (5 - n))
    if n == 3:
        raise ValueError(f"bad input {n}")
    if n == 4:
        return None
    return {"id": n, "items": list(range(n))}


results = {}
with ThreadPoolExecutor(max_workers=3) as pool:
    futures = {pool.submit(fetch, n): n for n in range(5)}
    for fut in as_completed(futures):
        n = futures[fut]
        try:
            outcome = ("ok", fut.result())
        except Exception as exc:
            outcome = ("error", exc)
        match outcome:
            case ("ok", None):
                results[n] = "empty"
            case ("ok", {"id": i, "items": []}):
                results[n] = f"id {i} has no items"
            case ("ok", {"id": i, "items": [first, *rest]}):
                results[n] = f"id {i}: first {first}, {len(rest)} more"
            case ("error", ValueError() as e):
                results[n] = f"failed: {e}"

for n in sorted(results):
    print(n, results[n])
