# Make wraps CMake: `make run` and `make test` are the whole set-up on a fresh Debian 12 machine.
BUILD      ?= build
BUILD_SAN  ?= build-sanitize
JOBS       ?= $(shell nproc)
LISTEN     ?= 127.0.0.1:8080

.PHONY: deps build build-sanitize web run test bench format clean

deps:
	@scripts/deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release \
	  -DLANGNGHE_SANITIZE_BIN=$(abspath $(BUILD_SAN))/langnghe
	cmake --build $(BUILD) -j $(JOBS)

# The API tests also run against this address- and UB-sanitized binary (see tests/CMakeLists.txt).
build-sanitize: deps
	cmake -S . -B $(BUILD_SAN) -DCMAKE_BUILD_TYPE=Debug -DLANGNGHE_SANITIZE=ON \
	  -DLANGNGHE_TESTS=OFF
	cmake --build $(BUILD_SAN) -j $(JOBS) --target langnghe

# npm packages (package-lock.json): installed again only when node_modules is missing or older
# than the lock file. Front-end packages are copied into the served folder (web/vendor/).
NPM_STAMP := node_modules/.package-lock.json
WEB_VENDOR := web/vendor/chart.umd.min.js

$(NPM_STAMP): package.json package-lock.json | deps
	npm ci --no-audit --no-fund
	@touch $@

web/vendor/chart.umd.min.js: $(NPM_STAMP)
	@mkdir -p web/vendor
	cp node_modules/chart.js/dist/chart.umd.min.js $@

web: $(NPM_STAMP) $(WEB_VENDOR)

run: build web
	@mkdir -p data
	$(BUILD)/langnghe serve --demo --listen $(LISTEN) --web-root web --db sqlite:./data/langnghe.db

test: build build-sanitize web
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Release build, then every scenario on SQLite and PostgreSQL (bench/run.sh, about 15 minutes).
bench: build
	cmake --build $(BUILD) -j $(JOBS) --target langnghe-bench-seed langnghe-screener-bench
	bench/run.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD) $(BUILD_SAN)
