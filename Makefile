# The two commands a new user needs (see README.md). Both install libyaml-dev first when missing.
.PHONY: run test build corpus inspect

# Build spec-check (release) and run it over the shipped OpenRouter contract and fixture corpus.
run: build
	.build/release/spec-check corpus Corpus/

# Run the whole test suite (CI adds SWIFT_TEST_FLAGS="-Xswiftc -warnings-as-errors").
test:
	scripts/ensure-libyaml.sh
	swift test $(SWIFT_TEST_FLAGS)

build:
	scripts/ensure-libyaml.sh
	swift build -c release --product spec-check --static-swift-stdlib

corpus: run

inspect: build
	.build/release/spec-check inspect --spec specs/openrouter-videos.yaml --overlay specs/openrouter-videos.overlay.yaml --operations
