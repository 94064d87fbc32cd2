# The two commands of the README: `make demo` and `make test`. Each installs what it needs.
SHELL := /bin/bash
BUILD ?= build
JOBS ?= $(shell nproc)
VN_ADMIN ?= $(abspath ../shared/data/vn-admin)
DB ?= var/baophu.db
BAOPHU := $(BUILD)/baophu

.PHONY: all deps build binary test test-fast demo demo-data clean bench

all: build

deps:
	@bash scripts/install-deps.sh

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

clean:
	rm -rf $(BUILD) var
