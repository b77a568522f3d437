# SPDX-License-Identifier: MIT
# The Akoma Ntoso writers ("akn" XML and "akn-package" .akn archives), and
# the tables they share with the reader (akn_common.c).
dm_add_plugin(NAME akn_write
  SOURCES akn_write.c akn_write_xml.c akn_write_meta.c akn_write_body.c akn_common.c
  LIBS PkgConfig::LIBXML2 PkgConfig::LIBZIP)
