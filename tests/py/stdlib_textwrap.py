# textwrap: wrap/fill at several widths (hyphenated and long words), indents, shorten,
# dedent (blank lines, mixed margins) and indent.
import textwrap

text = ("Threads share their process's memory, so a well-known race appears when two of them "
        "read-modify-write the same counter without a lock; supercalifragilisticexpialidocious "
        "words still have to fit.")
for width in (20, 35, 50, 70):
    print(textwrap.fill(text, width=width))
    print("--")
print(textwrap.wrap(text, width=30, break_long_words=False))
print(textwrap.wrap(text, width=25, break_on_hyphens=False))
print(textwrap.fill(text, width=40, initial_indent="* ", subsequent_indent="  "))
print(textwrap.shorten(text, width=40), "|", textwrap.shorten("Hello  world!", width=12))
print(textwrap.wrap(text, width=30, max_lines=2))
print(repr(textwrap.dedent("""
    def f():
        return 1

    x = f()
""")))
print(repr(textwrap.dedent("  a\n\t b\n")), repr(textwrap.dedent("  x\n   \n  y")))
print(textwrap.indent("one\ntwo\n\nthree", "> "), textwrap.indent("a\nb", "+", lambda l: True))
