# A NameError raised by hand with name= gets a hint from the frame that raised it.
def lookup(key):
    known_keys = ["alpha", "beta"]
    raise NameError("lookup failed", name="known_key")


lookup("gamma")
