# (filled by the spec work)
