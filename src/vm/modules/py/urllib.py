# concsim's `urllib` package: empty, as CPython's; its submodules are urllib.parse
# (urllib_parse.py), urllib.request (urllib_request.py) and urllib.error (urllib_error.py).
