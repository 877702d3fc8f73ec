# Install rules and the Debian package (`make package`: CPack's DEB generator).
#
# `cmake --install` puts the binary in bin/ and everything it reads under share/langnghe/; the
# binary finds that folder from its own place (api/data_files.h), so an installed or unpacked
# tree works wherever it lies. The units, the env file and the backup script's units go to the
# system's places (absolute paths, component `system`): in the package, or under DESTDIR.

set(LANGNGHE_SHARE share/langnghe)
set(LANGNGHE_DEBIAN ${PROJECT_SOURCE_DIR}/deploy/debian)

# The pages load Chart.js from web/vendor/, which `make web` copies from npm.
install(CODE "
  if(NOT EXISTS \"${PROJECT_SOURCE_DIR}/web/vendor/chart.umd.js\")
    message(FATAL_ERROR \"web/vendor/chart.umd.js is missing: run `make web` first\")
  endif()" COMPONENT langnghe)
install(TARGETS langnghe RUNTIME DESTINATION bin COMPONENT langnghe)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/ DESTINATION ${LANGNGHE_SHARE}/web
  COMPONENT langnghe)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/moderation/lexicons/
  DESTINATION ${LANGNGHE_SHARE}/lexicons COMPONENT langnghe PATTERN README.md EXCLUDE)
install(FILES ${LANGNGHE_SCREENER_MODEL} ${LANGNGHE_SCREENER_MODEL}.thresholds
  DESTINATION ${LANGNGHE_SHARE} COMPONENT langnghe)
install(FILES ${PROJECT_SOURCE_DIR}/base/calendar/holidays_vn.tsv
  DESTINATION ${LANGNGHE_SHARE}/calendar COMPONENT langnghe)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/deploy/langnghe-backup DESTINATION libexec/langnghe
  COMPONENT langnghe)

# Debian wants a copyright file and a compressed changelog beside the docs, and a manual page.
configure_file(${LANGNGHE_DEBIAN}/changelog.in ${CMAKE_BINARY_DIR}/deploy/changelog @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/deploy/langnghe.1 ${CMAKE_BINARY_DIR}/deploy/langnghe.1 COPYONLY)
execute_process(
  COMMAND gzip -n -9 -f ${CMAKE_BINARY_DIR}/deploy/changelog ${CMAKE_BINARY_DIR}/deploy/langnghe.1
  RESULT_VARIABLE LANGNGHE_GZIP_RESULT)
if(NOT LANGNGHE_GZIP_RESULT EQUAL 0)
  message(FATAL_ERROR "gzip failed on deploy/changelog or deploy/langnghe.1")
endif()
install(FILES ${CMAKE_BINARY_DIR}/deploy/langnghe.1.gz DESTINATION share/man/man1
  COMPONENT langnghe)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/README.md ${PROJECT_SOURCE_DIR}/deploy/nginx.conf
  ${PROJECT_SOURCE_DIR}/deploy/langnghe-proxy.conf ${LANGNGHE_DEBIAN}/copyright
  ${CMAKE_BINARY_DIR}/deploy/changelog.gz
  DESTINATION share/doc/langnghe COMPONENT langnghe)

# One unit file serves as langnghe.service and as the template langnghe@.service.
set(LANGNGHE_UNIT_DIR /lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/langnghe.service
  ${PROJECT_SOURCE_DIR}/deploy/langnghe-backup.service
  ${PROJECT_SOURCE_DIR}/deploy/langnghe-backup.timer
  DESTINATION ${LANGNGHE_UNIT_DIR} COMPONENT system)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/langnghe.service DESTINATION ${LANGNGHE_UNIT_DIR}
  RENAME langnghe@.service COMPONENT system)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/langnghe.env DESTINATION /etc/langnghe
  COMPONENT system)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME langnghe)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES TRUE)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "child participation and consultation platform")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "Lắng Nghe (\"Listen\") lets pupils aged 7 to 17 answer consultations worded for
their age and send ideas; Youth Union moderators review every child's text;
Children's Council members and the Youth Union forward recommendations to
authorities and track every reply until each child hears what happened.
.
This package runs the HTTP server (langnghe.service, or langnghe@.service for
several instances) with its web pages, as the langnghe system user, with its
SQLite database in /var/lib/langnghe and nightly backups
(langnghe-backup.timer) in /var/backups/langnghe.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Lắng Nghe maintainers <langnghe@example.org>")
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries' packages come from dpkg-shlibdeps; the maintainer scripts need these.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "adduser, debconf (>= 0.5) | debconf-2.0, init-system-helpers (>= 1.52)")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx, postgresql, sqlite3")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${LANGNGHE_DEBIAN}/postinst ${LANGNGHE_DEBIAN}/prerm ${LANGNGHE_DEBIAN}/postrm
  ${LANGNGHE_DEBIAN}/config ${LANGNGHE_DEBIAN}/templates ${LANGNGHE_DEBIAN}/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)  # xz is 3 × smaller and much slower to make
include(CPack)
