# SPDX-License-Identifier: GPL-2.0-or-later
# Turns data/ligatures.tsv into pdf_ligatures.h, the C table pdf_text.c
# reads, at build time (cmake -DIN=... -DOUT=... -P ligatures.cmake).
file(STRINGS "${IN}" lines ENCODING UTF-8)
set(body "/* Generated from data/ligatures.tsv by ligatures.cmake. Do not edit. */\n")
string(APPEND body "static const struct pdf_lig { uint32_t cp; const char *text; } pdf_ligatures[] = {\n")
foreach(l IN LISTS lines)
  if(l MATCHES "^#" OR l STREQUAL "")
    continue()
  endif()
  if(NOT l MATCHES "^([0-9A-Fa-f]+)\t([^\t]+)$")
    message(FATAL_ERROR "${IN}: bad line '${l}'")
  endif()
  string(APPEND body "    {0x${CMAKE_MATCH_1}, \"${CMAKE_MATCH_2}\"},\n")
endforeach()
string(APPEND body "};\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
