import sys

# The switch interval is set to 5 milliseconds:
print(sys.getswitchinterval())
