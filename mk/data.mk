# (filled by the data work)
