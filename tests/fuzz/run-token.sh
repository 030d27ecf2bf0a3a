#!/bin/sh
# Replays the token seed corpus plus random mutations through the fuzz target.
exec "${builddir:-.}/tests/fuzz/fuzz-token" "${srcdir:-.}/tests/fuzz/corpus/token"
