#!/bin/sh
# Replays the fix-reply seed corpus plus random mutations through reading, checking and
# applying patches.
exec "${builddir:-.}/tests/fuzz/fuzz-patch" "${srcdir:-.}/tests/fuzz/corpus/patch"
