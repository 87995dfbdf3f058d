# CPython's limits when drawing groups: 15 members per group ("and N more exceptions") and
# 10 levels of nesting ("... (max_group_depth is 10)").
deep = ValueError("bottom")
for level in range(12):
    deep = ExceptionGroup("level %d" % level, [deep])
raise ExceptionGroup("wide", [KeyError(i) for i in range(17)] + [deep])
