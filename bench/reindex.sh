#!/usr/bin/env bash
# bench/reindex.sh: WSO2's reg-index.sql through the native client vs the whole `mvn apim:reindex`
# run, side by side in one run, on PostgreSQL, MariaDB and H2.
#   bench/reindex.sh [sizes...]        default: 200000 2000000
# Env: LIMIT (seconds, default 1200 = the 20-minute limit; a script stopped there counts as LIMIT),
#      DBS (default "postgresql mariadb h2").
# Each size gets two identical copies of REG_LOG (rows/6.7 paths over four tenants, ~12 % deletes).
# Phase 1 times `mvn apim:reindex` on one copy of every database and size (a quiet machine matters
# for these); phase 2 runs reg-index.sql on the other copies. Then the ids left by both are compared,
# and the times, the ratios and the plugin's growth from the smallest to the largest size are printed.
# Scratch databases apim_bench_<db>_<n>_{native,plugin} on the local servers are dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-200000 2000000}"); SIZES=(${SIZES[@]})
LIMIT=${LIMIT:-1200}
DBS=${DBS:-"postgresql mariadb h2"}
BUILD=${BUILD:-/tmp/reindex-target}
WORK=$(mktemp -d /tmp/apim-bench-XXXX)
SCRIPT=$WORK/reg-index.sql
# the five statements of the runbook's reg-index.sql (Step 2.6.1), as the runbook gives them
cat > "$SCRIPT" <<'SQL'
CREATE TABLE reg_log_ids_to_KEEP (REG_LOG_ID INTEGER, REG_TENANT_ID INTEGER);
INSERT INTO reg_log_ids_to_KEEP (REG_LOG_ID, REG_TENANT_ID) SELECT MAX(REG_LOG_ID) AS REG_LOG_ID, REG_TENANT_ID FROM REG_LOG GROUP BY REG_PATH, REG_TENANT_ID;
DELETE FROM REG_LOG where REG_LOG_ID not in (SELECT REG_LOG_ID from reg_log_ids_to_KEEP);
drop table reg_log_ids_to_KEEP;
DELETE FROM REG_LOG WHERE REG_ACTION = 7;
SQL

echo "== building: the plugin (installed in the local repository) and the data generator"
mvn -B -q -Dapim.buildDir="$BUILD" install -DskipTests -Dinvoker.skip=true >/dev/null
mvn -B -q -Dapim.buildDir="$BUILD" test-compile dependency:build-classpath -Dmdep.outputFile="$BUILD/bench.cp" >/dev/null
CP="$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/bench.cp")"
H2JAR=$(tr ':' '\n' < "$BUILD/bench.cp" | grep '/h2-1.4.199.jar')
gen() { java -Xmx2g -cp "$CP" io.github.apimupgrade.reindex.ReindexBench gen "$@"; }
ids() { java -Xmx2g -cp "$CP" io.github.apimupgrade.reindex.ReindexBench ids "$@"; }
now() { date +%s.%N; }

url() { case $1 in
    postgresql) echo "jdbc:postgresql://127.0.0.1:5432/$2";;
    mariadb) echo "jdbc:mariadb://127.0.0.1:3306/$2";;
    h2) echo "jdbc:h2:$WORK/$2";; esac; }
user() { case $1 in postgresql) echo postgres;; mariadb) echo root;; h2) echo wso2carbon;; esac; }
password() { case $1 in h2) echo wso2carbon;; *) echo "";; esac; }
create() { case $1 in
    postgresql) psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $2" ;;
    mariadb) mariadb -uroot -e "CREATE DATABASE $2 CHARACTER SET utf8mb4" ;;
    h2) : ;; esac; }
drop() { case $1 in
    postgresql) psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" ;;
    mariadb) mariadb -uroot -e "DROP DATABASE IF EXISTS $2" ;;
    h2) rm -f "$WORK/$2".*.db ;; esac; }
native() { # db name: the runbook script through the native client, stopped at the limit (exit 124)
  case $1 in
    postgresql) timeout "$LIMIT" psql -q -h 127.0.0.1 -U postgres -d "$2" -v ON_ERROR_STOP=1 -f "$SCRIPT" ;;
    mariadb) timeout "$LIMIT" mariadb -uroot "$2" < "$SCRIPT" ;;
    h2) timeout "$LIMIT" java -cp "$H2JAR" org.h2.tools.RunScript -url "jdbc:h2:$WORK/$2" -user wso2carbon -password wso2carbon -script "$SCRIPT" ;;
  esac; }
kill_server_side() { # a timed-out client leaves its statement running on the server
  case $1 in
    postgresql) psql -q -h 127.0.0.1 -U postgres -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = '$2' AND pid <> pg_backend_pid()" >/dev/null ;;
    mariadb) for id in $(mariadb -uroot -N -e "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '$2'"); do mariadb -uroot -e "KILL $id" || true; done ;;
    h2) : ;; esac; }
. bench/operator-pom.sh
operator_pom "$WORK"
plugin() { # db name: the whole mvn run, as an operator types it
  mvn -B -q -f "$WORK/pom.xml" apim:reindex -Dapim.db.shared.url="$(url $1 $2)" -Dapim.db.shared.username="$(user $1)" \
      -Dapim.db.shared.password="$(password $1)" -Dapim.workDir="$WORK/work-$2" -Dapim.env=bench ; }

declare -A TP TN SHOWN
echo "== generating two copies of REG_LOG per database and size"
for db in $DBS; do for n in "${SIZES[@]}"; do
  for x in native plugin; do name=apim_bench_${db}_${n}_$x; drop $db $name >/dev/null 2>&1 || true; create $db $name
    gen "$(url $db $name)" "$n"; done
done; done

echo "== phase 1: mvn apim:reindex"
for db in $DBS; do for n in "${SIZES[@]}"; do
  b=apim_bench_${db}_${n}_plugin
  t0=$(now); plugin $db $b > "$WORK/$b.log" 2>&1 || { echo "FAILED: mvn apim:reindex on $db $n"; tail -20 "$WORK/$b.log"; exit 1; }; t1=$(now)
  TP[$db.$n]=$(echo "$t1 - $t0" | bc); printf '  %-11s %10s rows  %8.1f s\n' "$db" "$n" "${TP[$db.$n]}"
done; done

echo "== phase 2: reg-index.sql through the native client (limit ${LIMIT}s)"
for db in $DBS; do for n in "${SIZES[@]}"; do
  a=apim_bench_${db}_${n}_native; b=apim_bench_${db}_${n}_plugin
  t0=$(now); rc=0; native $db $a > "$WORK/$a.log" 2>&1 || rc=$?; t1=$(now)
  if [ $rc -eq 124 ]; then kill_server_side $db $a; TN[$db.$n]=$LIMIT; SHOWN[$db.$n]="> limit"
  elif [ $rc -ne 0 ]; then echo "FAILED: reg-index.sql on $db $n"; tail -5 "$WORK/$a.log"; exit 1
  else TN[$db.$n]=$(echo "$t1 - $t0" | bc); SHOWN[$db.$n]=$(printf '%.1f s' "${TN[$db.$n]}")
    # the same rows must be left by both
    if [ "$(ids "$(url $db $a)")" = "$(ids "$(url $db $b)")" ]; then SHOWN[$db.$n]+=" (same ids)"; else SHOWN[$db.$n]+=" (IDS DIFFER)"; fi
  fi
  printf '  %-11s %10s rows  %s\n' "$db" "$n" "${SHOWN[$db.$n]}"
done; done

echo "== results (reg-index.sql time / mvn apim:reindex time)"
printf '%-11s %10s %26s %16s %9s\n' database rows reg-index.sql "mvn apim:reindex" ratio
for db in $DBS; do for n in "${SIZES[@]}"; do
  printf '%-11s %10s %26s %14.1f s %8.1fx\n' "$db" "$n" "${SHOWN[$db.$n]}" "${TP[$db.$n]}" "$(echo "${TN[$db.$n]} / ${TP[$db.$n]}" | bc -l)"
done; done
first=${SIZES[0]}; last=${SIZES[${#SIZES[@]}-1]}
echo "== growth of mvn apim:reindex from $first to $last rows ($(echo "$last / $first" | bc)x the rows)"
for db in $DBS; do printf '  %-11s %6.1fx the time\n' "$db" "$(echo "${TP[$db.$last]} / ${TP[$db.$first]}" | bc -l)"; done

for db in $DBS; do for n in "${SIZES[@]}"; do for x in native plugin; do drop $db apim_bench_${db}_${n}_$x >/dev/null 2>&1 || true; done; done; done
rm -rf "$WORK"
