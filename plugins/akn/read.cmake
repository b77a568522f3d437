# SPDX-License-Identifier: MIT
# The Akoma Ntoso reader: AKN XML in the OASIS and draft namespaces and .akn
# packages, parsed by libxml2's SAX interface straight into the model and
# unpacked with libzip from memory. libxml2 is opened at run time on first
# use (akn_libxml.c), not linked, so it is found here by the shared-object
# name of the library pkg-config points at: the one whose headers the
# reader is compiled against.
set(dm_libxml2_soname "")
foreach(lib IN LISTS LIBXML2_LINK_LIBRARIES)
  if(lib MATCHES "libxml2\\.so" AND CMAKE_OBJDUMP)
    execute_process(COMMAND ${CMAKE_OBJDUMP} -p ${lib} OUTPUT_VARIABLE dump ERROR_QUIET)
    if(dump MATCHES "SONAME +([^\n ]+)")
      set(dm_libxml2_soname "${CMAKE_MATCH_1}")
    endif()
  endif()
endforeach()
if(NOT dm_libxml2_soname)
  set(dm_libxml2_soname "libxml2.so.2")
  message(WARNING "could not read libxml2's SONAME (objdump: '${CMAKE_OBJDUMP}'); assuming ${dm_libxml2_soname}")
endif()
message(STATUS "AKN reader loads ${dm_libxml2_soname} at run time")
dm_add_plugin(NAME akn_read
  SOURCES akn_read.c akn_read_xml.c akn_read_elems.c akn_read_meta.c akn_read_zip.c akn_libxml.c
  LIBS PkgConfig::LIBZIP
  INCLUDES ${LIBXML2_INCLUDE_DIRS}
  DEFINES DM_LIBXML2_SONAME="${dm_libxml2_soname}"
  RUNTIME libxml-2.0)
