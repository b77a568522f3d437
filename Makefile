# SPDX-License-Identifier: MIT
# A thin wrapper around CMake (as cmark's is), so that a fresh Debian machine
# needs two commands: `make demo` and `make check`. Both install missing
# Debian packages first (scripts/install-deps.sh), then configure and build.
BUILD ?= build
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
# What `make` builds is what CI checks: the tests, and warnings as errors
# (a plain `cmake` build has both off, for packagers and users).
CHECK_FLAGS = -DBUILD_TESTING=ON -DDM_WERROR=ON
SEED = samples/un-ga-75-158-zh.md

.PHONY: all deps configure build compile demo check test asan install fuzz fuzz-smoke bench clean format

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CHECK_FLAGS) $(CMAKE_FLAGS)

# deps first, then the rest (not as two prerequisites, which make -j
# would run at once).
configure: deps
	@$(MAKE) --no-print-directory $(BUILD)/CMakeCache.txt

build: configure
	@$(MAKE) --no-print-directory compile

# The build alone, without installing any package.
compile: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# Converts the sample resolution into every output format that exists.
demo: build
	@mkdir -p out
	@for fmt in $$($(BUILD)/docmill --list-formats | awk '$$2 == "write" { print $$1 }'); do \
	  ext=$$($(BUILD)/docmill --list-formats | awk -v f=$$fmt '$$1 == f && $$2 == "write" { sub(/^\./, "", $$3); print $$3 }'); \
	  $(BUILD)/docmill $(SEED) -t $$fmt -o out/un-ga-75-158-zh.$$ext || exit 1; \
	  echo "out/un-ga-75-158-zh.$$ext"; \
	done

# `make check` is everything CI needs (.ci/run calls it and nothing else):
# the whole suite, the whole suite again under ASan + UBSan, and a bounded
# run of every fuzz target. `make test` is the first part alone, for quick
# work; `make asan` and `make fuzz-smoke` are the other two.
CHECK_FUZZ_SECONDS ?= 60
check: test asan
	$(MAKE) fuzz-smoke FUZZ_SECONDS=$(CHECK_FUZZ_SECONDS) FUZZ_JOBS=$(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The whole suite, the tests that call LibreOffice and pandoc included
# (docmill runs under the sanitizers there too). Any report fails the
# test that triggered it: the sanitizers abort and the scripts treat a
# signal as a failure.
asan: deps
	cmake -S . -B build-asan -DDM_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug $(CHECK_FLAGS) $(CMAKE_FLAGS)
	cmake --build build-asan -j $(JOBS)
	cd build-asan && DM_CORPUS_CACHE=$(abspath $(BUILD))/corpus-cache ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

# Benchmarks against pandoc (bench/run.py); kept out of `make check`.
bench: deps
	cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF $(CMAKE_FLAGS)
	cmake --build build-release -j $(JOBS)
	python3 bench/run.py build-release/docmill --work build-release/bench

# libFuzzer targets (clang), one per reader, and a bounded run of each
# (FUZZ_SECONDS each, FUZZ_JOBS targets at a time, one by default; see
# fuzz/run.sh). The corpus
# in build-fuzz/corpus grows from run to run.
FUZZ_SECONDS ?= 60
fuzz: deps
	CC=clang cmake -S . -B build-fuzz -DDM_FUZZ=ON -DDM_SANITIZE=ON -DBUILD_TESTING=OFF -DDM_WERROR=ON -DCMAKE_BUILD_TYPE=Debug $(CMAKE_FLAGS)
	cmake --build build-fuzz -j $(JOBS)

fuzz-smoke: fuzz
	fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

# Installing never installs packages (no deps): a missing library is a
# configure error that names it, and scripts/install-deps.sh is the fix.
install: compile
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) build-asan build-fuzz out

format:
	clang-format -i $$(git ls-files '*.c' '*.h')
