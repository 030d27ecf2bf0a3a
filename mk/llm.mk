# (filled by the llm work)
