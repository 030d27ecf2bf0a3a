#!/bin/sh
# Replays the spec seed corpus (and the example specs) plus mutations through review.
exec "${builddir:-.}/tests/fuzz/fuzz-review" "${srcdir:-.}/tests/fuzz/corpus/review" \
    "${srcdir:-.}/tests/data/specs"
