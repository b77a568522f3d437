# SPDX-License-Identifier: MIT
# The Akoma Ntoso writers ("akn" XML and "akn-package" .akn archives). The
# tables they share with the reader (akn_common.c) are added by
# CMakeLists.txt.
dm_add_plugin(NAME akn_write
  SOURCES akn_write.c akn_write_xml.c akn_write_meta.c akn_write_body.c akn_write_block.c akn_write_inline.c akn_write_parts.c akn_write_attach.c
  LIBS PkgConfig::LIBXML2 PkgConfig::LIBZIP)
