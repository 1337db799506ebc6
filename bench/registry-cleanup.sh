#!/usr/bin/env bash
# bench/registry-cleanup.sh: WSO2's registry-versioning-disable script through the native client vs the
# whole `mvn apim:migrate-db` run, on identical copies, side by side in one run, on PostgreSQL, MariaDB and H2.
#   bench/registry-cleanup.sh [versioned properties...]     default: 100000 1000000
# A size N is a registry of N/20 resources x 5 versions x 4 properties (N versioned property links) plus
# one tag per version, on carbon-kernel 4.5.1's own schema, with 1,000 paths; the WSO2AM_DB beside it is
# apimgt 3.0.0's own schema (migrate-db upgrades it in the same run, as an operator's run does).
# Env: LIMIT (seconds, default 1200: a script stopped there counts as LIMIT), JAVA_OPTS (Maven's heap,
# default -Xmx512m: the run must fit whatever the size; H2 runs inside that JVM), DBS (default
# "postgresql mariadb h2"), REFERENCE (default ../shared/reference/wso2, WSO2's scripts).
# Phase 1 times `mvn apim:migrate-db` (wall time and peak RSS) on one copy of every database and size;
# phase 2 runs WSO2's script on the other copies. Then the rows both left are compared (SHA-256 of the
# eight tables), and the times, the ratios and the plugin's growth are printed.
# Scratch databases apim_bench_reg_* on the local servers are dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-100000 1000000}"); SIZES=(${SIZES[@]})
LIMIT=${LIMIT:-1200}
DBS=${DBS:-"postgresql mariadb h2"}
REFERENCE=$(cd "${REFERENCE:-../shared/reference/wso2}" && pwd)
BUILD=${BUILD:-/tmp/registry-cleanup-target}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
WORK=$(mktemp -d /tmp/apim-bench-XXXX)

echo "== building: the plugin (installed in the local repository) and the data generator"
mvn -B -q -Dapim.buildDir="$BUILD" install -DskipTests -Dinvoker.skip=true >/dev/null
mvn -B -q -Dapim.buildDir="$BUILD" test-compile dependency:build-classpath -Dmdep.outputFile="$BUILD/bench.cp" >/dev/null
CP="$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/bench.cp")"
H2JAR=$(tr ':' '\n' < "$BUILD/bench.cp" | grep '/h2-1.4.199.jar')
helper() { java -Xmx2g -cp "$CP" io.github.apimupgrade.registry.RegistryCleanupBench "$@" 2> >(grep -v SLF4J >&2); }
now() { date +%s.%N; }

url() { case $1 in
    postgresql) echo "jdbc:postgresql://127.0.0.1:5432/$2";;
    mariadb) echo "jdbc:mariadb://127.0.0.1:3306/$2";;
    h2) echo "jdbc:h2:$WORK/$2";; esac; }
user() { case $1 in postgresql) echo postgres;; mariadb) echo root;; h2) echo wso2carbon;; esac; }
password() { case $1 in h2) echo wso2carbon;; *) echo "";; esac; }
folder() { case $1 in mariadb) echo mysql;; *) echo "$1";; esac; }
create() { case $1 in
    postgresql) psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $2" ;;
    mariadb) mariadb -uroot -e "CREATE DATABASE $2 CHARACTER SET latin1" ;;
    h2) : ;; esac; }
drop() { case $1 in
    postgresql) psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" ;;
    mariadb) mariadb -uroot -e "DROP DATABASE IF EXISTS $2" ;;
    h2) rm -f "$WORK/$2".*.db ;; esac; }
analyze() { case $1 in
    postgresql) psql -q -h 127.0.0.1 -U postgres -d "$2" -c "VACUUM ANALYZE" ;;
    mariadb) mariadb -uroot "$2" -e "ANALYZE TABLE REG_RESOURCE, REG_RESOURCE_HISTORY, REG_PROPERTY, REG_RESOURCE_PROPERTY, REG_TAG, REG_RESOURCE_TAG" >/dev/null ;;
    h2) : ;; esac; }
native() { # db name: WSO2's script through the native client, stopped at the limit (exit 124)
  local script="$REFERENCE/docs/registry-versioning-disable/$(folder $1).sql"
  case $1 in
    postgresql) timeout "$LIMIT" psql -q -h 127.0.0.1 -U postgres -d "$2" -v ON_ERROR_STOP=1 -f "$script" ;;
    mariadb) timeout "$LIMIT" mariadb -uroot "$2" < "$script" ;;
    h2) timeout "$LIMIT" java -cp "$H2JAR" org.h2.tools.RunScript -url "jdbc:h2:$WORK/$2" -user wso2carbon -password wso2carbon -script "$script" ;;
  esac; }
kill_server_side() { # a timed-out client leaves its statement running on the server
  case $1 in
    postgresql) psql -q -h 127.0.0.1 -U postgres -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = '$2' AND pid <> pg_backend_pid()" >/dev/null ;;
    mariadb) for id in $(mariadb -uroot -N -e "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '$2'"); do mariadb -uroot -e "KILL $id" || true; done ;;
    h2) : ;; esac; }
. bench/operator-pom.sh
operator_pom "$WORK"
plugin() { # db n: the whole mvn run, as an operator types it, under GNU time
  local reg=apim_bench_reg_${1}_${2}_plugin am=apim_bench_reg_${1}_${2}_am
  MAVEN_OPTS="$JAVA_OPTS" /usr/bin/time -v -o "$WORK/time-$1-$2.txt" mvn -B -q -f "$WORK/pom.xml" apim:migrate-db \
      -Dapim.db.apim.url="$(url $1 $am)" -Dapim.db.apim.username="$(user $1)" -Dapim.db.apim.password="$(password $1)" \
      -Dapim.db.shared.url="$(url $1 $reg)" -Dapim.db.shared.username="$(user $1)" -Dapim.db.shared.password="$(password $1)" \
      -Dapim.registry.disableVersioning=true -Dapim.workDir="$WORK/work-$1-$2" -Dapim.env=bench ; }

declare -A TP TN SHOWN RSS
echo "== generating: per database and size, two registry copies (carbon-kernel 4.5.1) and a WSO2AM_DB (apimgt 3.0.0)"
for db in $DBS; do for n in "${SIZES[@]}"; do
  r=$((n / 20))
  for x in native plugin; do name=apim_bench_reg_${db}_${n}_$x; drop $db $name >/dev/null 2>&1 || true; create $db $name
    helper load "$(url $db $name)" "$REFERENCE/carbon-kernel-4.5.1/$(folder $db).sql"
    helper gen "$(url $db $name)" "$r" 5 4; analyze $db $name; done
  am=apim_bench_reg_${db}_${n}_am; drop $db $am >/dev/null 2>&1 || true; create $db $am
  helper load "$(url $db $am)" "$REFERENCE/apimgt-3.0.0/$(folder $db).sql"
  printf '  %-11s %9s versioned properties (%s resources x 5 versions x 4)\n' "$db" "$n" "$r"
done; done

echo "== phase 1: mvn apim:migrate-db"
for db in $DBS; do for n in "${SIZES[@]}"; do
  t0=$(now); plugin $db $n > "$WORK/plugin-$db-$n.log" 2>&1 || { echo "FAILED: mvn apim:migrate-db on $db $n"; tail -30 "$WORK/plugin-$db-$n.log"; exit 1; }; t1=$(now)
  TP[$db.$n]=$(echo "$t1 - $t0" | bc); RSS[$db.$n]=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2 / 1024}' "$WORK/time-$db-$n.txt")
  printf '  %-11s %9s  %8.1f s  peak RSS %s MB\n' "$db" "$n" "${TP[$db.$n]}" "${RSS[$db.$n]}"
done; done

echo "== phase 2: WSO2's registry-versioning-disable script through the native client (limit ${LIMIT}s)"
# PostgreSQL last: its script runs into the limit at 1,000,000, and then nothing else is timed meanwhile
for db in $(printf '%s\n' $DBS | grep -v postgresql) $(printf '%s\n' $DBS | grep postgresql); do for n in "${SIZES[@]}"; do
  a=apim_bench_reg_${db}_${n}_native; b=apim_bench_reg_${db}_${n}_plugin
  t0=$(now); rc=0; native $db $a > "$WORK/$a.log" 2>&1 || rc=$?; t1=$(now)
  if [ $rc -eq 124 ]; then kill_server_side $db $a; TN[$db.$n]=$LIMIT; SHOWN[$db.$n]="> limit"
  elif [ $rc -ne 0 ]; then echo "FAILED: WSO2's script on $db $n"; tail -5 "$WORK/$a.log"; exit 1
  else TN[$db.$n]=$(echo "$t1 - $t0" | bc); SHOWN[$db.$n]=$(printf '%.1f s' "${TN[$db.$n]}")
    helper digest "$(url $db $a)" > "$WORK/$a.digest"; helper digest "$(url $db $b)" > "$WORK/$b.digest"
    if cmp -s "$WORK/$a.digest" "$WORK/$b.digest"; then SHOWN[$db.$n]+=" (same rows)"; else SHOWN[$db.$n]+=" (ROWS DIFFER)"; diff "$WORK/$a.digest" "$WORK/$b.digest" || true; fi
  fi
  printf '  %-11s %9s  %s\n' "$db" "$n" "${SHOWN[$db.$n]}"
done; done
for db in $DBS; do n=${SIZES[0]}; echo "  kept rows on $db, $n (mvn apim:migrate-db):"; helper digest "$(url $db apim_bench_reg_${db}_${n}_plugin)" | sed 's/^/    /'; done

echo "== results (WSO2's script time / mvn apim:migrate-db time)"
printf '%-11s %10s %24s %20s %9s %10s\n' database properties "WSO2's script" "mvn apim:migrate-db" ratio "peak RSS"
for db in $DBS; do for n in "${SIZES[@]}"; do
  printf '%-11s %10s %24s %18.1f s %8.1fx %7s MB\n' "$db" "$n" "${SHOWN[$db.$n]}" "${TP[$db.$n]}" "$(echo "${TN[$db.$n]} / ${TP[$db.$n]}" | bc -l)" "${RSS[$db.$n]}"
done; done
first=${SIZES[0]}; last=${SIZES[${#SIZES[@]}-1]}
echo "== growth of mvn apim:migrate-db from $first to $last versioned properties ($(echo "$last / $first" | bc)x the rows)"
for db in $DBS; do printf '  %-11s %6.1fx the time\n' "$db" "$(echo "${TP[$db.$last]} / ${TP[$db.$first]}" | bc -l)"; done

for db in $DBS; do for n in "${SIZES[@]}"; do for x in native plugin am; do drop $db apim_bench_reg_${db}_${n}_$x >/dev/null 2>&1 || true; done; done; done
rm -rf "$WORK"
