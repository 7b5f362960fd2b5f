# SPDX-License-Identifier: BSD-3-Clause
# slsim_set_warnings(<target>): the project's warning set, applied to every first-party target.
include_guard(GLOBAL)

option(SLSIM_WERROR "Treat warnings as errors" ON)

function(slsim_set_warnings target)
    set(flags
        -Wall -Wextra -Wshadow -Wvla -Wformat=2 -Wno-format-nonliteral -Wwrite-strings
        -Wmissing-prototypes -Wstrict-prototypes -Wold-style-definition -Wpointer-arith
        -Wimplicit-fallthrough -Wundef -Wcast-qual)
    if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
        list(APPEND flags -Wlogical-op -Wformat-signedness -Wformat-truncation
             -Wformat-overflow=2)
    endif()
    if(SLSIM_WERROR)
        list(APPEND flags -Werror)
    endif()
    target_compile_options(${target} PRIVATE ${flags})
endfunction()
