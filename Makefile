# podsnap — the commands a newcomer needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

JAVA_HOME := $(shell scripts/java-home)
export JAVA_HOME
MVN ?= mvn
MVN_FLAGS ?= -B --no-transfer-progress
CRD_DIR := deploy/helm/podsnap/crds
BENCH_CHECKPOINTS ?= 500

.PHONY: help build test crds demo bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

build: ## compile and package every module, skipping tests
	$(MVN) $(MVN_FLAGS) -DskipTests package

test: ## the whole suite (unit + integration; node and cluster suites join as they land)
	$(MVN) $(MVN_FLAGS) verify

crds: ## regenerate the CRDs and refresh the chart's checked-in copies
	$(MVN) $(MVN_FLAGS) -pl api -am -DskipTests process-classes
	@mkdir -p $(CRD_DIR)
	@for f in api/target/classes/META-INF/fabric8/*-v1.yml; do \
	  name=$$(basename "$$f" -v1.yml); cp "$$f" "$(CRD_DIR)/$$name.yaml"; echo "  $(CRD_DIR)/$$name.yaml"; \
	done

bench: ## benchmarks (bench/): each prints its figures next to a baseline measured in the same run
	$(MVN) $(MVN_FLAGS) -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	"$(JAVA_HOME)/bin/java" -cp "bench/target/classes:$$(cat bench/target/classpath.txt)" \
	  -Dpodsnap.operatorJar=operator/target/podsnap-operator.jar io.podsnap.bench.OperatorScaleBench $(BENCH_CHECKPOINTS)

demo: ## the local end-to-end demo: checkpoint a running pod and restore it
	@scripts/demo

clean: ## remove build output
	$(MVN) $(MVN_FLAGS) -q clean
