# SPDX-License-Identifier: BSD-3-Clause
# Helpers to declare tests with labels.
include_guard(GLOBAL)

# slsim_add_test(NAME <name> SOURCES <src...> LABELS <labels...> [LIBS <libs...>] [ARGS <args...>])
function(slsim_add_test)
    cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LABELS;LIBS;ARGS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    slsim_set_warnings(${T_NAME})
    target_link_libraries(${T_NAME} PRIVATE slsim_internal ${T_LIBS})
    add_test(NAME ${T_NAME} COMMAND ${T_NAME} ${T_ARGS})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT}
                         SKIP_RETURN_CODE 77)
endfunction()
