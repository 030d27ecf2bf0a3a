#!/bin/sh
# Replays the ZIP seed corpus plus random mutations through the fuzz target.
exec "${builddir:-.}/tests/fuzz/fuzz-bundle" "${srcdir:-.}/tests/fuzz/corpus/bundle"
