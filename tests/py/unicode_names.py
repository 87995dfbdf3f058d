# `\N{...}` escapes and non-ASCII identifiers (NFKC-normalised, as CPython does). The page's wasm
# build resolves names with its own table (vendor/unicode_names2/VENDORED.md), so
# tests/wasm_parity.rs runs this program in Chromium too and compares it with this recording.
print("\N{BULLET} \N{bullet} \N{Bullet}")
print("\N{SNOWMAN}\N{BLACK STAR}\N{WHITE SMILING FACE}")
print(ascii("\N{LATIN SMALL LETTER A WITH GRAVE}\N{GREEK SMALL LETTER ALPHA}\N{EM DASH}"))
# Aliases (NameAliases.txt): corrections, controls, abbreviations.
print("\N{LF}" == "\n", "\N{NBSP}" == "\xa0", ascii("\N{BYTE ORDER MARK}"), ascii("\N{zwj}"))
print(ascii("\N{LATIN CAPITAL LETTER GHA}"), ascii("\N{NULL}"), ascii("\N{DEL}"))
# Names computed rather than tabulated, and names ending in their own code point.
print("\N{HANGUL SYLLABLE GAG}", "\N{HANGUL SYLLABLE HAN}", ascii("\N{HANGUL SYLLABLE HIH}"))
print("\N{CJK UNIFIED IDEOGRAPH-4E00}", ascii("\N{CJK UNIFIED IDEOGRAPH-20000}"))
print("\N{CJK COMPATIBILITY IDEOGRAPH-F900}", ascii("\N{CJK COMPATIBILITY IDEOGRAPH-2F800}"))
print(ascii("\N{NUSHU CHARACTER-1B170}"), ascii("\N{KHITAN SMALL SCRIPT CHARACTER-18B00}"))
print(ascii("\N{EGYPTIAN HIEROGLYPH A001}"), ascii("\N{BRAILLE PATTERN DOTS-12345678}"))
# The first and the last tabulated names (SPACE, VARIATION SELECTOR-256).
print(ascii("\N{SPACE}\N{TILDE}\N{NO-BREAK SPACE}"), ascii("\N{VARIATION SELECTOR-256}"))
print(ascii("\N{TAG LATIN SMALL LETTER Z}"), len("\N{PILE OF POO}"))
# In f-strings; raw strings and bytes keep the escape as text.
n = 2
print(ascii(f"{n}\N{MULTIPLICATION SIGN}{n}"), ascii(r"\N{BULLET}"), rb"\N{BULLET}")
# Identifiers: NFKC folds ligatures, font variants and compatibility letters.
ﬁle = "ligature"
print(file)
ℌ = 1
𝐱 = 2
ｗｉｄｅ = 3
print(H, x, wide)
# Written decomposed (e, COMBINING ACUTE ACCENT), read composed.
café = 4
print(café)
