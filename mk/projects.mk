# Projects: the generation pipeline shared by the API and backforgectl.
noinst_LIBRARIES += libbf_projects.a
libbf_projects_a_SOURCES = \
	fcgi-app/lib/pipeline.c fcgi-app/lib/pipeline.h
