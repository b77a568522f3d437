# SPDX-License-Identifier: GPL-2.0-or-later
# Turns data/lamalef.tsv into pdf_lamalef.h, the table of rules pdf_text.c
# applies to Arabic words, at build time (cmake -DIN=... -DOUT=... -P
# lamalef.cmake). A rule whose two sides differ in length is an error: the
# rules only reorder letters in place.
file(STRINGS "${IN}" lines ENCODING UTF-8)
set(body "/* Generated from data/lamalef.tsv by lamalef.cmake. Do not edit. */\n")
string(APPEND body "static const struct pdf_lamalef_rule { const char *from, *to; } pdf_lamalef_rules[] = {\n")
foreach(l IN LISTS lines)
  if(l MATCHES "^#" OR l STREQUAL "")
    continue()
  endif()
  if(NOT l MATCHES "^(\\^?)([^\t^$]+)(\\$?)\t([^\t^$]+)$")
    message(FATAL_ERROR "${IN}: bad line '${l}'")
  endif()
  string(LENGTH "${CMAKE_MATCH_2}" a)
  string(LENGTH "${CMAKE_MATCH_4}" b)
  if(NOT a EQUAL b)
    message(FATAL_ERROR "${IN}: the two sides of '${l}' differ in length")
  endif()
  string(APPEND body "    {\"${CMAKE_MATCH_1}${CMAKE_MATCH_2}${CMAKE_MATCH_3}\", \"${CMAKE_MATCH_4}\"},\n")
endforeach()
string(APPEND body "};\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
