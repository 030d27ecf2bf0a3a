# (filled by the codegen work)
