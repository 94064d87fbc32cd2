# The two commands of the README: `make demo` and `make test`. Each installs what it needs.
SHELL := /bin/bash
BUILD ?= build
JOBS ?= $(shell nproc)
VN_ADMIN ?= $(abspath ../shared/data/vn-admin)
DB ?= var/baophu.db
BAOPHU := $(BUILD)/baophu
# The clang build with ASan + UBSan (+ libFuzzer's coverage): sanitizer tests and fuzz targets.
BUILD_SAN ?= build-san
FUZZ_SECONDS ?= 20

.PHONY: all deps debs build binary test test-fast test-san test-slow fuzz-ci demo demo-data clean bench bench-http soak-http

all: build

deps: debs node_modules/.package-lock.json

debs:
	@bash scripts/install-deps.sh

# The web UI's chart library and the browser tests' driver, pinned by package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json | debs
	npm ci --no-audit --no-fund

# -O1 and line tables only: the sanitizer build is compiled once per CI run, its speed matters
# less than its compile time.
$(BUILD_SAN)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD_SAN) -DBAOPHU_SANITIZE=ON -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DCMAKE_BUILD_TYPE=None -DCMAKE_C_FLAGS="-O1 -gline-tables-only" -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only"

$(BUILD)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBAOPHU_WERROR=$${BAOPHU_WERROR:-OFF}

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

# Only the command-line binary (what `make demo` needs; the tests are built by `make test`).
binary: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS) --target baophu

# Every test: unit, golden, data-driven, bad-input, end-to-end CLI, web and kill -9 suites (CTest),
# then the same unit and data-driven tests built with ASan + UBSan (test-san); in CI (CI=true)
# also every fuzz target for FUZZ_SECONDS each (fuzz-ci). The 100 kill -9 trials: test-slow.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -LE kill9_100
	$(MAKE) --no-print-directory test-san
	if [ "$${CI:-}" = true ]; then $(MAKE) --no-print-directory fuzz-ci; fi

# The slow tier: the scenarios, the web fixture and 100 kill -9 trials.
test-slow: build
	cd $(BUILD) && ctest --output-on-failure -L slow

# The clang build with ASan + UBSan (+ libFuzzer): the GoogleTest binaries, the data-driven
# cases (case.*) and the fuzz corpora (fuzz_replay.*), not the web, PostgreSQL, kill -9 or slow
# suites, nor the tests bounded by an address-space limit (label memlimit: prlimit --as, which
# ASan's terabytes of reserved shadow memory cannot live under; they run in the ordinary build).
# Any sanitizer report fails the test that caused it.
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1 \
           LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
           UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
test-san: deps $(BUILD_SAN)/Makefile
	cmake --build $(BUILD_SAN) -j $(JOBS) --target test_targets
	cd $(BUILD_SAN) && $(SAN_ENV) ctest --output-on-failure -j $(JOBS) -LE 'web|pg|slow|crash|memlimit'

# Every libFuzzer target of the sanitizer build for FUZZ_SECONDS each, one at a time (fuzz/run.sh).
fuzz-ci: $(BUILD_SAN)/Makefile
	BUILD=$(BUILD_SAN) JOBS=$(JOBS) bash fuzz/run.sh $(FUZZ_SECONDS)

# The Bạc Liêu 2021 scenario: real units, generated people and cards, imported through the same
# commands a user runs, then the coverage report as of 10/11/2021.
demo: binary
	bash scripts/demo.sh "$(BAOPHU)" "$(DB)" "$(VN_ADMIN)"

bench: build
	bash scripts/bench.sh "$(BAOPHU)" "$(VN_ADMIN)"

# wrk against the overview API of `baophu serve` on the demo data (run `make demo` first, or
# set DB=); figures in docs/benchmarks.md.
bench-http: binary
	bash scripts/bench-http.sh "$(BAOPHU)" "$(DB)"

# The soak (benchmark, not CI): wrk over several routes for SOAK_SECONDS (10 min) while the
# server's memory is sampled; figures in docs/benchmarks.md.
soak-http: binary
	bash scripts/soak-http.sh "$(BAOPHU)" "$(DB)" $${SOAK_SECONDS:-600}

clean:
	rm -rf $(BUILD) $(BUILD_SAN) var
