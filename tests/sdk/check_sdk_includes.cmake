# Fails if a public SDK header includes anything but the standard library or
# other SDK headers. Run: cmake -DSDK_INCLUDE_DIR=... -P check_sdk_includes.cmake
set(allowed
    # C
    stddef.h stdint.h
    # C++
    algorithm array atomic cstddef cstdint cstring exception functional limits memory optional
    stdexcept string string_view type_traits utility variant vector)
file(GLOB headers "${SDK_INCLUDE_DIR}/redress/*")
set(bad "")
foreach(h IN LISTS headers)
    file(STRINGS "${h}" lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line IN LISTS lines)
        string(REGEX MATCH "[<\"]([^>\"]+)[>\"]" _ "${line}")
        set(inc "${CMAKE_MATCH_1}")
        if(inc MATCHES "^redress/")
            continue()
        endif()
        list(FIND allowed "${inc}" found)
        if(found EQUAL -1)
            list(APPEND bad "${h}: ${inc}")
        endif()
    endforeach()
endforeach()
if(bad)
    list(JOIN bad "\n  " text)
    message(FATAL_ERROR "SDK headers include non-standard headers:\n  ${text}")
endif()
list(LENGTH headers n)
message(STATUS "${n} SDK headers include only the standard library")
