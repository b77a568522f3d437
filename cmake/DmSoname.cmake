# SPDX-License-Identifier: MIT
# dm_find_soname(<var> <regex> <fallback> <link libraries...>)
# Sets <var> to the shared-object name (SONAME) of the first of the link
# libraries (as pkg-config lists them) whose path matches <regex>, read with
# objdump: the name a plugin gives dm_dynlib_load (include/docmill/dynlib.h)
# so that the library it opens at run time is the one whose headers it was
# compiled against. Falls back to <fallback>, with a warning, when it cannot.
function(dm_find_soname var regex fallback)
  set(soname "")
  foreach(lib IN LISTS ARGN)
    if(NOT soname AND lib MATCHES "${regex}" AND CMAKE_OBJDUMP)
      execute_process(COMMAND ${CMAKE_OBJDUMP} -p ${lib} OUTPUT_VARIABLE dump ERROR_QUIET)
      if(dump MATCHES "SONAME +([^\n ]+)")
        set(soname "${CMAKE_MATCH_1}")
      endif()
    endif()
  endforeach()
  if(NOT soname)
    set(soname "${fallback}")
    message(WARNING "could not read the SONAME of ${regex} (objdump: '${CMAKE_OBJDUMP}'); assuming ${soname}")
  endif()
  set(${var} "${soname}" PARENT_SCOPE)
endfunction()
