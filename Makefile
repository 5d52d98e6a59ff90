# Thin wrapper over CMake: `make demo` and `make check` work on a fresh Debian 12 machine.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
PREFIX     ?= /usr/local
# Warnings are errors here and in CI; a plain cmake build (a library user's) keeps them warnings.
CMAKE_FLAGS ?= -DCDBG_WERROR=ON

.PHONY: all deps build build-asan demo check check-tree test test-asan bench stress clean format install \
	gdb-testsuite

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCDBG_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

demo: build
	@scripts/demo $(BUILD)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: build-asan
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# Every test, then every test again under AddressSanitizer + UBSan.
check: test test-asan
	@echo "make check: all tests passed (plain and ASan+UBSan)"

# The binary, libcdbg.a, libcdbg.so, cdbg.h, cdbg.pc and cdbg.1 under PREFIX (DESTDIR=dir
# stages them under dir, as for a package).
install: build
	@cmake --install $(BUILD) --prefix $(PREFIX)

# The tree's rules (exported symbols, file sizes, layers, the one ptrace owner, formatting):
# scripts/check-tree --help.
check-tree: build
	@scripts/check-tree $(BUILD)

bench: build
	@bench/run $(BUILD)

# The torture suite's long budget against ./build's cdbg (every scenario, known failing ones
# too), nice'd: STRESS_MINUTES=N (default 60), STRESS_SEED=S, STRESS_ARGS for more options.
STRESS_MINUTES ?= 60
STRESS_SEED    ?= $(shell date +%s)
stress: build
	@nice -n 10 tests/stress/run --minutes $(STRESS_MINUTES) --seed $(STRESS_SEED) \
	  --cdbg $(abspath $(BUILD))/src/cdbg --tracee-dir $(abspath $(BUILD))/tests/tracees $(STRESS_ARGS)

# gdb 13's own testsuite against ./build's cdbg and against gdb, side by side (not part of check:
# it takes hours). FILES="gdb.base/break.exp gdb.threads" runs a subset, JOBS files at once,
# GDBTS_TIMEOUT seconds per file and debugger, GDBTS_WHO="cdbg" one side only;
# GDBTS_ARGS for more options (scripts/gdb-testsuite --help). docs/gdb-testsuite.md.
GDBTS_TIMEOUT ?= 300
GDBTS_WHO     ?= gdb cdbg
gdb-testsuite: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target cdbg
	@nice -n 10 scripts/gdb-testsuite --build $(BUILD) --jobs $(JOBS) --timeout $(GDBTS_TIMEOUT) \
	  --who "$(GDBTS_WHO)" $(if $(FILES),--files "$(FILES)") $(GDBTS_ARGS)

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
