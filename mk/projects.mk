# (filled by the projects work)
