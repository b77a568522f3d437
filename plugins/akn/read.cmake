# SPDX-License-Identifier: MIT
# The Akoma Ntoso reader: AKN XML in the OASIS and draft namespaces and .akn
# packages, parsed by libxml2's SAX interface straight into the model and
# unpacked with libzip from memory.
dm_add_plugin(NAME akn_read
  SOURCES akn_read.c akn_read_xml.c akn_read_elems.c akn_read_meta.c akn_read_zip.c
  LIBS PkgConfig::LIBXML2 PkgConfig::LIBZIP)
