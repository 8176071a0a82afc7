# Shared by the benchmarks that drive the packaged jar from Java (sourced, not run):
#   build                 packages the jar and writes the test classpath to $CLASSPATH_FILE
#   database NAME         prints the JDBC URL of a fresh PostgreSQL database NAME with durable
#                         settings checked (fsync, synchronous_commit), or nothing when DB=embedded
#   bench_java CLASS …    runs a benchmark class on the test classpath with the given -D options,
#                         the server's JVM taking $SERVER_JAVA_OPTIONS (e.g. a flight recording)
# Maven runs offline (-o); set MVN_FLAGS= to let it download.

MVN_FLAGS=${MVN_FLAGS--o}
CLASSPATH_FILE=target/bench-classpath.txt
DB=${DB:-postgresql}
PSQL="psql -h 127.0.0.1 -U postgres -q"

build() {
  # shellcheck disable=SC2086
  mvn -q $MVN_FLAGS -DskipTests package
  # shellcheck disable=SC2086
  mvn -q $MVN_FLAGS dependency:build-classpath \
    -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=test
}

database() {
  [ "$DB" = postgresql ] || return 0
  $PSQL -Atc 'SHOW fsync' | grep -qx on
  $PSQL -Atc 'SHOW synchronous_commit' | grep -qx on
  $PSQL -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >&2
  echo "jdbc:postgresql://127.0.0.1:5432/$1"
}

bench_java() {
  local class=$1
  shift
  java "$@" -Dserver.java.options="${SERVER_JAVA_OPTIONS:-}" \
    -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" "$class"
}
