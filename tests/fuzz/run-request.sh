#!/bin/sh
# Replays the request-body seed corpus plus random mutations through the fuzz target.
exec "${builddir:-.}/tests/fuzz/fuzz-request" "${srcdir:-.}/tests/fuzz/corpus/request"
