#!/bin/sh
# Replays the LLM-reply seed corpus plus random mutations through the extractor.
exec "${builddir:-.}/tests/fuzz/fuzz-llm-extract" "${srcdir:-.}/tests/fuzz/corpus/llm-extract"
