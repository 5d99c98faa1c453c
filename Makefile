# Build entry points for `sam build` (Metadata: BuildMethod: makefile) and for developers.
#
# SAM copies the project to a scratch directory and runs `make build-<LogicalId>` there with
# ARTIFACTS_DIR set; the target must leave the function's classes in $(ARTIFACTS_DIR) and its jars
# in $(ARTIFACTS_DIR)/lib (the Lambda Java runtime puts both on the class path).

# The JDK: $JAVA_HOME when set (the SAM build image sets it), else the local Temurin 25 if present,
# else whatever `java` is on PATH.
JDK25_HOME := /usr/lib/jvm/temurin-25-jdk-amd64
ifeq ($(strip $(JAVA_HOME)),)
  ifneq ($(wildcard $(JDK25_HOME)/bin/java),)
    export JAVA_HOME := $(JDK25_HOME)
  endif
endif
JAVA := $(if $(strip $(JAVA_HOME)),$(JAVA_HOME)/bin/java,java)
MVN  := ./mvnw -B

# SAM logical id -> Maven module. One line per Lambda function.
MODULE_InfoFunction := info-function
MODULE_TranscriptFunction := transcript-function
MODULE_EmbeddingFunction := embedding-function
MODULE_ChatReadyFunction := chat-ready-function
MODULE_FailureFunction := failure-function
MODULE_ExecutionEndedFunction := failure-function

.PHONY: FORCE build test cli demo check-artifacts bench-coldstart bench-embedding bench-burst db-migrate clean

# `clean` is part of the build on purpose: SAM copies existing target/ directories into its scratch
# copy, and stale classes or jars from an earlier build must not ship. -am builds `shared` from
# source in the same reactor, so nothing has to be installed in ~/.m2 first.
build-%: FORCE
	@test -n '$(MODULE_$*)' || { echo 'No Maven module for $*: add "MODULE_$* := <module>" to the Makefile.' >&2; exit 1; }
	@test -n '$(ARTIFACTS_DIR)' || { echo 'ARTIFACTS_DIR is not set (sam build sets it; by hand: make $@ ARTIFACTS_DIR=/tmp/art).' >&2; exit 1; }
	$(MVN) -q -pl $(MODULE_$*) -am clean package -DskipTests
	mkdir -p '$(ARTIFACTS_DIR)/lib'
	cp -R $(MODULE_$*)/target/classes/. '$(ARTIFACTS_DIR)/'
	cp $(MODULE_$*)/target/lib/*.jar '$(ARTIFACTS_DIR)/lib/'

FORCE:

# Compiles and packages every module (no tests).
build:
	$(MVN) -q package -DskipTests

# Unit and integration tests, against a throwaway PostgreSQL + pgvector server.
test:
	scripts/with-test-postgres.sh $(MVN) verify

# The developer CLI: cli/target/youtube-chat.jar (one runnable jar), run it with ./youtube-chat.
cli:
	$(MVN) -q -pl cli -am package -DskipTests

# The whole pipeline on a bundled sample video, offline: the state machine through the local
# executor with the real handlers, YouTube/Cohere/Pusher emulated on loopback, a throwaway
# PostgreSQL (started and deleted by the command). pgvector is built first when it is missing
# (scripts/ensure-pgvector.sh: a no-op when installed, needs root otherwise), unless XATA_DB_URL
# names a database to use instead.
demo: cli
	@if [ -z "$${XATA_DB_URL:-}" ] && [ -x "$${PG_BIN:-/usr/lib/postgresql/15/bin}/pg_config" ]; then scripts/ensure-pgvector.sh; fi
	./youtube-chat demo

# Applies shared/src/main/resources/db/schema.sql (idempotent) to the database named by
# XATA_DB_URL, with XATA_API_KEY as its password. Runs with shared's own runtime class path, which
# includes its optional clients (the PostgreSQL driver among them).
db-migrate:
	$(MVN) -q -pl shared -am compile dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/runtime.classpath
	'$(JAVA)' -cp "shared/target/classes:$$(cat shared/target/runtime.classpath)" com.youtubechat.shared.xata.SchemaMigrator

# Builds each function's artifact as `sam build` would and checks it holds its handler and only the
# jars it uses.
check-artifacts:
	scripts/check-artifacts.sh

# Cold start of every function without SnapStart (fresh JVM per run, one CPU, C1, the class path of
# the artifact `sam build` makes) against the loopback emulators and a throwaway PostgreSQL, plus the
# 10-hour video for Transcript and Embedding. Prints medians of RUNS runs (default 5) and the jars
# never loaded. `-am` on every build: nothing of this project has to be installed in ~/.m2.
# BENCH_ARTIFACTS=<dir> measures artifacts already built there (check-artifacts builds .build/artifacts).
bench-coldstart:
ifeq ($(strip $(BENCH_ARTIFACTS)),)
	rm -rf .build/bench
	for fn in InfoFunction TranscriptFunction EmbeddingFunction ChatReadyFunction FailureFunction; do \
	  $(MAKE) --no-print-directory build-$$fn ARTIFACTS_DIR=$(CURDIR)/.build/bench/$$fn || exit 1; done
endif
	$(MVN) -q -pl shared -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
	scripts/with-test-postgres.sh '$(JAVA)' -cp "shared/target/test-classes:shared/target/classes:$$(cat shared/target/test.classpath)" \
	  com.youtubechat.shared.bench.ColdStartBenchmark $(or $(BENCH_ARTIFACTS),.build/bench) $(or $(RUNS),5)

# The Embedding step on a 10-hour transcript (Cohere emulator at 300 ms per call, local PostgreSQL),
# beside the original design of 10 texts per call, sequential, a bulk insert per 10. RUNS runs of this
# design (default 3).
bench-embedding:
	$(MVN) -q -pl embedding-function -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
	scripts/with-test-postgres.sh '$(JAVA)' -cp "embedding-function/target/test-classes:embedding-function/target/classes:$$(cat embedding-function/target/test.classpath)" \
	  com.youtubechat.embedding.EmbeddingBenchmark $(or $(RUNS),3)

# A burst of VIDEOS videos (200) through the state machine at once, on a PostgreSQL with
# MAX_CONNECTIONS (20) and the Cohere emulator at 2,000 inputs a minute, time scaled by SCALE (1);
# OUTAGE=1 stops the database for a stretch in the middle. Prints outcomes, peak connections,
# Cohere 429s, YouTube requests per video and the wall time against the Cohere lower bound.
bench-burst:
	$(MVN) -q -pl local-executor -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/test.classpath
	PG_MAX_CONNECTIONS=$(or $(MAX_CONNECTIONS),20) scripts/with-test-postgres.sh '$(JAVA)' \
	  -cp "local-executor/target/test-classes:local-executor/target/classes:$$(cat local-executor/target/test.classpath)" \
	  com.youtubechat.local.bench.BurstBenchmark $(or $(VIDEOS),200) $(or $(SCALE),1) $(or $(ACCOUNT_CONCURRENCY),100) \
	  $(if $(OUTAGE),outage,)

clean:
	$(MVN) -q clean
	rm -rf .build
	rm -rf .aws-sam
