# The two commands of the README: `make demo` and `make test`. Each installs what it needs.
SHELL := /bin/bash
BUILD ?= build
JOBS ?= $(shell nproc)
VN_ADMIN ?= $(abspath ../shared/data/vn-admin)
DB ?= var/baophu.db
BAOPHU := $(BUILD)/baophu

.PHONY: all deps debs build binary test test-fast demo demo-data clean bench bench-http

all: build

deps: debs node_modules/.package-lock.json

debs:
	@bash scripts/install-deps.sh

# The web UI's chart library and the browser tests' driver, pinned by package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json | debs
	npm ci --no-audit --no-fund

$(BUILD)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBAOPHU_WERROR=$${BAOPHU_WERROR:-OFF}

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

# Only the command-line binary (what `make demo` needs; the tests are built by `make test`).
binary: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS) --target baophu

# Every test: unit, golden, data-driven, bad-input and end-to-end CLI suites (CTest).
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

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

clean:
	rm -rf $(BUILD) var
