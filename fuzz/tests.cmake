# Short libFuzzer runs as CTest tests, included by the top-level CMakeLists.txt with the tests.
#
# The main build may use g++, so fuzz.build configures the project again with clang in
# <build>/fuzz-build (TRACUU_FUZZ=ON, tests off) and builds only the fuzz targets with the
# libraries they link. fuzz.<target> then replays fuzz/regressions/<target>/ and fuzzes for
# TRACUU_FUZZ_SECONDS from fuzz/corpus/<target>/. Without clang or its libFuzzer runtime every
# fuzz test is reported as skipped, with the reason. Select them with `ctest -L fuzz`, leave them
# out with `ctest -LE fuzz`.
set(TRACUU_FUZZ_SECONDS 10 CACHE STRING "Seconds each fuzz target runs under ctest")
find_program(TRACUU_FUZZ_CLANGXX NAMES clang++ clang++-14 DOC "clang++ used to build the fuzz targets")

set(tracuu_fuzz_build_dir ${CMAKE_BINARY_DIR}/fuzz-build)
set(tracuu_fuzz_script ${PROJECT_SOURCE_DIR}/fuzz/run.sh)

add_test(NAME fuzz.build
  COMMAND bash ${tracuu_fuzz_script} build "${TRACUU_FUZZ_CLANGXX}" ${PROJECT_SOURCE_DIR} ${tracuu_fuzz_build_dir})
set_tests_properties(fuzz.build PROPERTIES
  FIXTURES_SETUP tracuu_fuzz_build TIMEOUT 900 LABELS fuzz SKIP_RETURN_CODE 77 ENVIRONMENT "CMAKE=${CMAKE_COMMAND}")

foreach(target IN ITEMS normalize analyzer identifiers citations amounts legacy_encoding query)
  add_test(NAME fuzz.${target}
    COMMAND bash ${tracuu_fuzz_script} run ${target} ${PROJECT_SOURCE_DIR} ${tracuu_fuzz_build_dir} ${TRACUU_FUZZ_SECONDS})
  set_tests_properties(fuzz.${target} PROPERTIES
    FIXTURES_REQUIRED tracuu_fuzz_build TIMEOUT 300 LABELS fuzz SKIP_RETURN_CODE 77)
endforeach()
