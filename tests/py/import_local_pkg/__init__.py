PKG = "package init"
