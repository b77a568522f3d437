# SPDX-License-Identifier: GPL-2.0-or-later
# Turns a data table of this folder into the C header pdf_text.c includes,
# at build time: cmake -DIN=... -DOUT=... -DKIND=ligatures|lamalef -P
# tables.cmake. Each line of the table is two fields and a tab between
# them; lines starting with # are comments.
#   ligatures: a hex code point and the letters it stands for;
#   lamalef:   what poppler gives and what the source has, as many letters
#              (the rules only reorder letters in place), ^ and $ anchors on
#              the first field.
file(STRINGS "${IN}" lines ENCODING UTF-8)
if(KIND STREQUAL "ligatures")
  set(decl "static const struct pdf_lig { uint32_t cp; const char *text; } pdf_ligatures[] = {")
  set(line_re "^([0-9A-Fa-f]+)\t([^\t]+)$")
elseif(KIND STREQUAL "lamalef")
  set(decl "static const struct pdf_lamalef_rule { const char *from, *to; } pdf_lamalef_rules[] = {")
  set(line_re "^(\\^?[^\t^$]+\\$?)\t([^\t^$]+)$")
else()
  message(FATAL_ERROR "tables.cmake: unknown KIND '${KIND}'")
endif()
get_filename_component(name "${IN}" NAME)
set(body "/* Generated from data/${name} by tables.cmake. Do not edit. */\n${decl}\n")
foreach(l IN LISTS lines)
  if(l MATCHES "^#" OR l STREQUAL "")
    continue()
  endif()
  if(NOT l MATCHES "${line_re}")
    message(FATAL_ERROR "${IN}: bad line '${l}'")
  endif()
  set(a "${CMAKE_MATCH_1}")
  set(b "${CMAKE_MATCH_2}")
  if(KIND STREQUAL "ligatures")
    string(APPEND body "    {0x${a}, \"${b}\"},\n")
  else()
    string(REGEX REPLACE "^\\^|\\$$" "" letters "${a}")
    string(LENGTH "${letters}" na)
    string(LENGTH "${b}" nb)
    if(NOT na EQUAL nb)
      message(FATAL_ERROR "${IN}: the two sides of '${l}' differ in length")
    endif()
    string(APPEND body "    {\"${a}\", \"${b}\"},\n")
  endif()
endforeach()
string(APPEND body "};\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
