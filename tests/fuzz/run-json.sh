#!/bin/sh
# Replays the JSON seed corpus plus random mutations through the fuzz target.
exec "${builddir:-.}/tests/fuzz/fuzz-json" "${srcdir:-.}/tests/fuzz/corpus/json"
