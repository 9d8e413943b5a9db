"""Compares the spec's slugify rule with django.utils.text.slugify on the generated strings."""
import json, sys, unicodedata
from django.utils.text import slugify

cases = json.load(open(sys.argv[1] + '/slugify.json'))
ascii_bad = [c for c in cases if slugify(c[0]) != c[1]]
unicode_bad = [c for c in cases if slugify(c[0], allow_unicode=True) != c[2]]
print(f'{len(cases)} strings (Unicode {unicodedata.unidata_version}): {len(ascii_bad)} differ in ASCII mode, {len(unicode_bad)} with allow_unicode')
for c in (ascii_bad + unicode_bad)[:5]:
    print(ascii(c))
