# The two commands a new user needs (see README.md). Both install libyaml-dev first when missing.
.PHONY: run test build corpus inspect install integration

# Where `make install` puts bin/spec-check.
PREFIX ?= /usr/local

# Build spec-check (release) and run it over the shipped OpenRouter contract and fixture corpus.
run: build
	.build/release/spec-check corpus Corpus/

# Run the whole test suite (CI adds SWIFT_TEST_FLAGS="-Xswiftc -warnings-as-errors").
test:
	@scripts/ensure-libyaml.sh
	swift test $(SWIFT_TEST_FLAGS)

# The client/server integration package (generated client, Hummingbird server, the middleware).
integration:
	@scripts/ensure-libyaml.sh
	cd IntegrationTests && swift test

# A stripped release binary in $(PREFIX)/bin (it still needs libyaml-0.so.2; see README).
install: build
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 -s .build/release/spec-check "$(DESTDIR)$(PREFIX)/bin/spec-check"

build:
	@scripts/ensure-libyaml.sh
	swift build -c release --product spec-check --static-swift-stdlib

corpus: run

inspect: build
	.build/release/spec-check inspect --spec specs/openrouter-videos.yaml --overlay specs/openrouter-videos.overlay.yaml --operations
