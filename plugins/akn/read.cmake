# SPDX-License-Identifier: MIT
# The Akoma Ntoso reader: AKN XML in the OASIS and draft namespaces and .akn
# packages, parsed by libxml2's SAX interface straight into the model and
# unpacked with libzip from memory. libxml2 is opened at run time on first
# use (akn_libxml.c, through the toolkit's dm_dynlib_load), not linked, so
# it is found here by the shared-object name of the library pkg-config
# points at: the one whose headers the reader is compiled against.
include(${CMAKE_SOURCE_DIR}/cmake/DmSoname.cmake)
dm_find_soname(dm_libxml2_soname "libxml2\\.so" "libxml2.so.2" ${LIBXML2_LINK_LIBRARIES})
message(STATUS "AKN reader loads ${dm_libxml2_soname} at run time")
dm_add_plugin(NAME akn_read
  SOURCES akn_read.c akn_read_xml.c akn_read_elems.c akn_read_meta.c akn_read_zip.c akn_read_raw.c akn_read_cover.c akn_libxml.c
  LIBS PkgConfig::LIBZIP
  INCLUDES ${LIBXML2_INCLUDE_DIRS}
  DEFINES DM_LIBXML2_SONAME="${dm_libxml2_soname}"
  RUNTIME libxml-2.0)
