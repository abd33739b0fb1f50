# paraat_component(NAME SOURCES... DEPS ...) declares one component library with the
# project's warning set. Public includes are rooted at src/ so code says #include "core/date.h".
function(paraat_component name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(paraat_${name} STATIC ${ARG_SOURCES})
  target_include_directories(paraat_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(paraat_${name} PUBLIC ${ARG_DEPS})
  paraat_warnings(paraat_${name})
endfunction()

function(paraat_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
    -Wnull-dereference -Wdouble-promotion -Wimplicit-fallthrough)
  if(PARAAT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
