# Data files and their install: migrations, code templates, the built dashboard, nginx and
# systemd files, docs. Trees that other areas grow (templates/, tests/data/, ...) are
# walked at build time, so a new file needs no edit here.

# Migrations, applied by `backforgectl migrate` from $(pkgdatadir)/sql.
sqldir = $(pkgdatadir)/sql
dist_sql_DATA = $(sort $(wildcard $(srcdir)/sql/*.sql))

# nginx: the one site template, the private-instance wrapper and the renderer (see
# docs/deploy.md for rendering the production site).
nginxdir = $(pkgdatadir)/nginx
dist_nginx_DATA = nginx/backforge.conf.in nginx/nginx-dev.conf.in
dist_nginx_SCRIPTS = nginx/render.sh

dist_doc_DATA = README.md $(sort $(wildcard $(srcdir)/docs/*.md))

# Units go where systemd looks for them under the prefix (/usr/local/lib/systemd/system
# is on its search path); override on the command line, e.g. systemdsystemunitdir=/lib/...
systemdsystemunitdir = $(prefix)/lib/systemd/system
sysusersdir = $(prefix)/lib/sysusers.d
BF_UNITS = systemd/backforge-fcgi.service systemd/backforge-runner.service systemd/backforge.target
EXTRA_DIST += $(BF_UNITS) systemd/backforge.sysusers

# The unit files name the default paths; installing rewrites them to this build's.
BF_UNIT_SED = sed -e 's|/usr/local/sbin|$(sbindir)|g' -e 's|/usr/local/bin|$(bindir)|g' \
	-e 's|/usr/local/share/doc/backforge|$(docdir)|g' -e 's|/etc/backforge|$(sysconfdir)/backforge|g'

# Source trees shipped whole in the tarball: the files git tracks under them (so build
# products lying in a work tree stay out), or, in an unpacked tarball, all their files.
BF_DIST_TREES = templates web scripts .ci schemas docs bench tests/data tests/integration \
	tests/systemd tests/llm tests/tools tests/fuzz/corpus tests/e2e \
	tests/golden

install-data-local: bf-install-data
uninstall-local: bf-uninstall-data
dist-hook: bf-dist-trees
.PHONY: bf-install-data bf-uninstall-data bf-dist-trees

bf-install-data:
	@set -e; \
	if test -d "$(srcdir)/templates"; then \
	  find "$(srcdir)/templates" -type f ! -name '*~' ! -name '*.swp' | LC_ALL=C sort | \
	  while IFS= read -r f; do \
	    rel=$${f#"$(srcdir)/"}; \
	    $(MKDIR_P) "$(DESTDIR)$(pkgdatadir)/$$(dirname "$$rel")"; \
	    $(INSTALL_DATA) "$$f" "$(DESTDIR)$(pkgdatadir)/$$rel"; \
	  done; \
	fi
	$(MKDIR_P) "$(DESTDIR)$(pkgdatadir)"
	rm -rf "$(DESTDIR)$(pkgdatadir)/web"
	$(SHELL) "$(srcdir)/web/build.sh" "$(DESTDIR)$(pkgdatadir)/web" >/dev/null
	$(MKDIR_P) "$(DESTDIR)$(systemdsystemunitdir)" "$(DESTDIR)$(sysusersdir)"
	@set -e; for u in $(BF_UNITS); do \
	  echo "  INSTALL  $$u"; \
	  $(BF_UNIT_SED) "$(srcdir)/$$u" > "$(DESTDIR)$(systemdsystemunitdir)/$$(basename $$u)"; \
	  chmod 0644 "$(DESTDIR)$(systemdsystemunitdir)/$$(basename $$u)"; \
	done
	$(INSTALL_DATA) "$(srcdir)/systemd/backforge.sysusers" "$(DESTDIR)$(sysusersdir)/backforge.conf"

bf-uninstall-data:
	rm -rf "$(DESTDIR)$(pkgdatadir)/templates" "$(DESTDIR)$(pkgdatadir)/web"
	for u in $(BF_UNITS); do rm -f "$(DESTDIR)$(systemdsystemunitdir)/$$(basename $$u)"; done
	rm -f "$(DESTDIR)$(sysusersdir)/backforge.conf"

bf-dist-trees:
	@set -e; cd "$(srcdir)"; \
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  git ls-files -z -- $(BF_DIST_TREES); \
	else \
	  for d in $(BF_DIST_TREES); do test -d "$$d" && find "$$d" -type f -print0; done; true; \
	fi | tar --null -T - -cf - | (cd "$(abs_builddir)/$(distdir)" && tar xf -)

# Configuration checks that need no build: every shell script passes shellcheck, and the
# site config renders and passes `nginx -t` (run by scripts/check).
BF_SHELLCHECK_FILES = scripts/up scripts/down scripts/check scripts/stack scripts/deps \
	scripts/fuzz tests/scratch-pg.sh tests/llm/run-llm-store-pg.sh tests/torture/run-torture.sh \
	tests/unit/test-app-layering.sh \
	scripts/lib/common.sh nginx/render.sh web/build.sh tests/systemd/check-units.sh .ci/run \
	tests/unit/test-readme-generate.sh \
	bench/suite tests/fuzz/run-suite.sh
shellcheck:
	cd $(srcdir) && shellcheck -x $(BF_SHELLCHECK_FILES)
check-units:
	$(SHELL) $(srcdir)/tests/systemd/check-units.sh $(abs_builddir)
.PHONY: shellcheck check-units
