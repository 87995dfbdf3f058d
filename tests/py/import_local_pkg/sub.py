from import_local_pkg import PKG


def where():
    return "sub of " + PKG
