# SPDX-License-Identifier: MIT
# Turns the DOCX writer's data file (data/un-styles.tsv, the UN profile's
# paragraph styles) into a C table, at configure time and again whenever
# the file changes. Text columns become C string literals ("-" is NULL);
# number columns are integers or sums of terms (a number, "block", "first"
# or number*name), checked here and written as C expressions over
# DOCX_UN_BLOCK and DOCX_UN_FIRST.
function(docx_write_c_string out in)
  if(in STREQUAL "-")
    set(${out} "NULL" PARENT_SCOPE)
    return()
  endif()
  string(REPLACE "\\" "\\\\" s "${in}")
  string(REPLACE "\"" "\\\"" s "${s}")
  set(${out} "\"${s}\"" PARENT_SCOPE)
endfunction()

function(docx_write_c_length out in file)
  set(term "(-?[0-9]+|block|first|[0-9]+\\*(block|first))")
  if(NOT in MATCHES "^${term}(\\+${term})*$")
    message(FATAL_ERROR "${file}: '${in}' is not a length (a number, block, first, or sums such as block+2*first)")
  endif()
  string(REPLACE "+" " + " s "${in}")
  string(REPLACE "*" " * " s "${s}")
  string(REPLACE "block" "DOCX_UN_BLOCK" s "${s}")
  string(REPLACE "first" "DOCX_UN_FIRST" s "${s}")
  set(${out} "${s}" PARENT_SCOPE)
endfunction()

# Columns: the first three and the tenth are text, the rest lengths.
set(docx_un_file ${CMAKE_CURRENT_SOURCE_DIR}/data/un-styles.tsv)
file(STRINGS "${docx_un_file}" docx_un_lines ENCODING UTF-8)
set(docx_un_body "")
set(docx_un_count 0)
foreach(line IN LISTS docx_un_lines)
  if(line MATCHES "^#" OR line STREQUAL "")
    continue()
  endif()
  string(REPLACE "\t" ";" cols "${line}")
  list(LENGTH cols n)
  if(NOT n EQUAL 16)
    message(FATAL_ERROR "${docx_un_file}: ${n} columns, not 16, in: ${line}")
  endif()
  set(row "    {")
  foreach(i RANGE 15)
    list(GET cols ${i} c)
    if(i LESS 3 OR i EQUAL 9)
      docx_write_c_string(q "${c}")
    else()
      docx_write_c_length(q "${c}" "${docx_un_file}")
    endif()
    string(APPEND row "${q}, ")
  endforeach()
  string(APPEND docx_un_body "${row}},\n")
  math(EXPR docx_un_count "${docx_un_count} + 1")
endforeach()
set(docx_write_gen "${CMAKE_BINARY_DIR}/generated/docx_write_tables.c")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${docx_un_file})
file(WRITE "${docx_write_gen}.in" "/* SPDX-License-Identifier: MIT */
/* Generated from plugins/docx/data/un-styles.tsv by write_tables.cmake. Do not edit. */
#include <stddef.h>

#include \"docx.h\"
#include \"docx_write_tables.h\"

const docx_un_style docx_un_styles[] = {
${docx_un_body}};
const size_t docx_un_styles_count = ${docx_un_count};
")
configure_file("${docx_write_gen}.in" "${docx_write_gen}" COPYONLY)
