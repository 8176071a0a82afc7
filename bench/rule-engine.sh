#!/usr/bin/env bash
# Runs the automation rule engine benchmark (src/test/java/io/vigil/automation/engine/
# RuleEngineBenchmark.java) with JMH. Arguments are passed to JMH, e.g.
#   bench/rule-engine.sh -p entities=20        # one parameter value only
#   bench/rule-engine.sh -wi 1 -i 2 -r 1s      # a quick, rough run
#   bench/rule-engine.sh -prof stack           # where the time goes
#   bench/rule-engine.sh -e PrebuiltFacts      # only evaluateAllRules, the method the target is for
# Results: the console, and target/jmh-rule-engine.json. See docs/benchmarks.md.
# Maven runs offline (-o); set MVN_FLAGS= (empty) to let it download what the local repository
# lacks.
set -euo pipefail

cd "$(dirname "$0")/.."

MVN_FLAGS=${MVN_FLAGS--o}
CLASSPATH_FILE=target/jmh-classpath.txt

# shellcheck disable=SC2086
mvn -q $MVN_FLAGS -DskipTests test-compile
# shellcheck disable=SC2086
mvn -q $MVN_FLAGS dependency:build-classpath \
  -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=test

exec java -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" \
  org.openjdk.jmh.Main RuleEngineBenchmark \
  -rf json -rff target/jmh-rule-engine.json "$@"
