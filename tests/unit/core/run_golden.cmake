# SPDX-License-Identifier: BSD-3-Clause
# Runs PROG, writes its standard output to OUT and compares it byte for byte with GOLDEN.
# Usage: cmake -DPROG=<exe> -DGOLDEN=<file> -DOUT=<file> -P run_golden.cmake
foreach(var PROG GOLDEN OUT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "run_golden.cmake: ${var} is not set")
    endif()
endforeach()

execute_process(COMMAND ${PROG} OUTPUT_FILE ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${PROG} failed: ${rc}")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${GOLDEN} ${OUT} RESULT_VARIABLE differ)
if(differ)
    message(FATAL_ERROR "output differs from the golden file\n"
                        "  see:    diff -u ${GOLDEN} ${OUT}\n"
                        "  accept: cp ${OUT} ${GOLDEN} (and review the diff)")
endif()
