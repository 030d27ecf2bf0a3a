#!/bin/sh
# Replays the suite seed corpus and the example specs (plus mutations) through suite
# derivation and the suite checker.
exec "${builddir:-.}/tests/fuzz/fuzz-suite" "${srcdir:-.}/tests/fuzz/corpus/suite" \
    "${srcdir:-.}/tests/data/specs/valid" "${srcdir:-.}/tests/golden/specs"
