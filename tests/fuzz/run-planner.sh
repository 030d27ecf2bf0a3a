#!/bin/sh
# Replays the planner seed corpus plus random mutations through the fuzz target.
exec "${builddir:-.}/tests/fuzz/fuzz-planner" "${srcdir:-.}/tests/fuzz/corpus/planner"
