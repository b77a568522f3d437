# SPDX-License-Identifier: MIT
# Turns the language files data/*.txt into C tables (unres_lang_data.inc in
# the build tree), the way cmark builds its entity table: the knowledge of a
# language lives in one plain file a linguist can edit, the C code only
# reads the tables. Runs at configure time; editing a data file re-runs it.
#
# A data file holds "key: value" lines ("#" starts a comment line). Every
# key may repeat; its values form a list in the order written. The keys are
# those of KEYS below; any other key is an error naming file and line.

set(UNRES_KEYS tag name word lead lead-adverb lead-suffix lead-case formula body adoption month date
    number-word number-unit meeting meeting-first direction
    numeral numeral-prefix numeral-times session agenda committee meeting-prefix annex
    lead-style lead-before lead-phrase lead-more)

function(unres_c_string out value)
  string(REPLACE "\\" "\\\\" value "${value}")
  string(REPLACE "\"" "\\\"" value "${value}")
  set(${out} "\"${value}\"" PARENT_SCOPE)
endfunction()

function(unres_gen_lang_tables datadir outfile)
  file(GLOB files RELATIVE "${datadir}" "${datadir}/*.txt")
  list(SORT files)
  # the six UN languages first, in the order of enum unres_lang
  set(order zh.txt en.txt fr.txt es.txt ru.txt ar.txt)
  foreach(f IN LISTS order)
    if(NOT f IN_LIST files)
      message(FATAL_ERROR "${datadir}/${f}: missing (the six UN languages are required)")
    endif()
    list(REMOVE_ITEM files ${f})
  endforeach()
  list(APPEND order ${files})
  set(body "/* Generated from the data files of the un-resolution plugin by gen_lang.cmake: do not edit. */\n")
  set(entries "")
  foreach(f IN LISTS order)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${datadir}/${f}")
    string(REGEX REPLACE "\\.txt$" "" id "${f}")
    string(MAKE_C_IDENTIFIER "${id}" id)
    file(READ "${datadir}/${f}" text)
    string(REPLACE ";" "<semicolon>" text "${text}")
    string(REPLACE "\r" "" text "${text}")
    string(REPLACE "\n" ";" lines "${text}")
    foreach(k IN LISTS UNRES_KEYS)
      set(vals_${k} "")
    endforeach()
    set(lineno 0)
    foreach(line IN LISTS lines)
      math(EXPR lineno "${lineno} + 1")
      string(STRIP "${line}" line)
      if(line STREQUAL "" OR line MATCHES "^#")
        continue()
      endif()
      if(NOT line MATCHES "^([a-z-]+):[ \t]*(.*)$")
        message(FATAL_ERROR "${datadir}/${f}:${lineno}: expected 'key: value'")
      endif()
      set(key "${CMAKE_MATCH_1}")
      set(val "${CMAKE_MATCH_2}")
      if(NOT key IN_LIST UNRES_KEYS)
        message(FATAL_ERROR "${datadir}/${f}:${lineno}: unknown key '${key}'")
      endif()
      string(REPLACE "<semicolon>" ";" val "${val}")
      unres_c_string(cval "${val}")
      string(APPEND vals_${key} "${cval}, ")
    endforeach()
    if(vals_tag STREQUAL "")
      message(FATAL_ERROR "${datadir}/${f}: no 'tag:' line")
    endif()
    set(fields "")
    foreach(k IN LISTS UNRES_KEYS)
      string(MAKE_C_IDENTIFIER "${k}" ck)
      string(APPEND body "static const char *const unres_d_${id}_${ck}[] = {${vals_${k}}NULL};\n")
      string(APPEND fields "    .${ck} = unres_d_${id}_${ck},\n")
    endforeach()
    string(APPEND entries "  {\n${fields}  },\n")
  endforeach()
  list(LENGTH order count)
  string(APPEND body "\nconst unres_lang_data unres_lang_table[] = {\n${entries}};\n")
  string(APPEND body "const size_t unres_lang_table_count = ${count};\n")
  # written only when it changed, so a re-run does not rebuild everything
  file(WRITE "${outfile}.tmp" "${body}")
  configure_file("${outfile}.tmp" "${outfile}" COPYONLY)
endfunction()
