# Dps — see README.md. All targets work from a fresh clone.
SHELL := /bin/bash
CONFIG ?= Release

.PHONY: build test test-unit bench bench-e2e bench-fleet fuzz fuzz-ci publish publish-aot test-arm64 certs service demo run clean

build:
	dotnet build Dps.sln -c $(CONFIG) -nologo

test:
	./scripts/install-deps.sh
	./scripts/test.sh

test-unit:
	./scripts/install-deps.sh
	./scripts/test.sh --filter "Category!=Integration"

# BenchmarkDotNet's short job (3 iterations) keeps `make bench` to a few minutes; BENCH_ARGS= for full runs.
BENCH_ARGS ?= --job short
bench:
	dotnet run -c Release --project tests/Dps.Benchmarks -- --filter '*' $(BENCH_ARGS)

# dps_cloud_server (JIT and NativeAOT) provisioned N=30 times against dps-service: steps, CPU, RSS (docs/benchmarks.md).
bench-e2e:
	./scripts/bench-e2e.sh

# K = 1, 10, 100, 1000 in-process devices provisioning at once, against the TLS handshake limit (docs/benchmarks.md).
bench-fleet:
	./scripts/bench-fleet.sh

# Mutation fuzzing of every parser that takes outside bytes.
FUZZ_SECONDS ?= 60
fuzz:
	dotnet run -c Release --project tests/Dps.Fuzz -- --seconds $(FUZZ_SECONDS)

# The bounded run for CI: FUZZ_CI_INPUTS per target with a fixed seed, so every CI run executes the
# same inputs (a time bound would not); fails on any finding. `make fuzz` explores by time.
FUZZ_CI_INPUTS ?= 40000
fuzz-ci:
	dotnet run -c Release --project tests/Dps.Fuzz -- --inputs $(FUZZ_CI_INPUTS) --seed 20261122

# Release builds in artifacts/publish/: linux-x64 and linux-arm64 self-contained single files, linux-arm
# framework-dependent, linux-x64 NativeAOT, dps-service (linux-x64); a size table at the end.
publish:
	./scripts/publish.sh

publish-aot:
	./scripts/publish.sh linux-x64-aot

# The linux-arm64 build under qemu-user: --help and provisioning against dps-service on loopback.
test-arm64:
	./scripts/test-arm64.sh

# Development PKI, dps-service.yaml and one device's pki_certs/ in certs/dev (idempotent).
DEV_DIR ?= certs/dev
certs:
	dotnet run -c $(CONFIG) --project src/Dps.Service -- init --dir $(DEV_DIR)

# A local DPS + hub gateway + HTTP API on 127.0.0.1:20030/20040/20080 until Ctrl+C.
service: certs
	dotnet run -c $(CONFIG) --project src/Dps.Service -- run --config $(DEV_DIR)/dps-service.yaml

# A local DPS + hub and dps_cloud_server provisioning against it, step by step; stops what it started.
demo:
	./scripts/install-deps.sh
	./scripts/demo.sh

run:
	DEMO_KEEP_RUNNING=1 ./scripts/demo.sh

clean:
	dotnet clean Dps.sln -nologo -v q
	rm -rf artifacts BenchmarkDotNet.Artifacts
