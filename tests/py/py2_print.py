# a Python 2 program: a SyntaxError before anything runs
import os
print 'Process (%s) start...' % os.getpid()
