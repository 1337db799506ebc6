#!/usr/bin/env bash
# bench/reindex.sh: WSO2's reg-index.sql through the native client vs the plugin's reindex, side by side.
#   bench/reindex.sh [sizes...]        default: 200000 2000000
# Env: LIMIT (seconds, default 1200 = the 20-minute limit), DBS (default "postgresql mariadb h2").
# The plugin side runs the reindex goal's core through a small Java harness (ReindexBench), the same
# code apim:reindex runs, without Maven's start-up; mvn adds a few seconds (measured separately below).
# Uses scratch databases apim_bench_<db>_<n>_{native,plugin} on the local servers and drops them after.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-200000 2000000}"); SIZES=(${SIZES[@]})
LIMIT=${LIMIT:-1200}
DBS=${DBS:-"postgresql mariadb h2"}
BUILD=${BUILD:-/tmp/reindex-target}
WORK=$(mktemp -d /tmp/apim-bench-XXXX)
SCRIPT=${REG_INDEX_SQL:-../shared/reference/wso2/docs/reg-index.sql}
if [ ! -f "$SCRIPT" ]; then
  # the five statements of the runbook's reg-index.sql
  SCRIPT=$WORK/reg-index.sql
  cat > "$SCRIPT" <<'SQL'
CREATE TABLE reg_log_ids_to_KEEP (REG_LOG_ID INTEGER, REG_TENANT_ID INTEGER);
INSERT INTO reg_log_ids_to_KEEP (REG_LOG_ID, REG_TENANT_ID) SELECT MAX(REG_LOG_ID) AS REG_LOG_ID, REG_TENANT_ID FROM REG_LOG GROUP BY REG_PATH, REG_TENANT_ID;
DELETE FROM REG_LOG where REG_LOG_ID not in (SELECT REG_LOG_ID from reg_log_ids_to_KEEP);
drop table reg_log_ids_to_KEEP;
DELETE FROM REG_LOG WHERE REG_ACTION = 7;
SQL
fi
if [ ! -f "$BUILD/bench.cp" ]; then
  mvn -B -q -Dapim.buildDir="$BUILD" test-compile dependency:build-classpath -Dmdep.outputFile="$BUILD/bench.cp" >/dev/null
fi
CP="$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/bench.cp")"
H2JAR=$(tr ':' '\n' < "$BUILD/bench.cp" | grep '/h2-1.4.199.jar')
java_() { java -Xmx2g -cp "$CP" io.github.apimupgrade.reindex.ReindexBench "$@"; }
now() { date +%s.%N; }

url() { # db name
  case $1 in
    postgresql) echo "jdbc:postgresql://127.0.0.1:5432/$2";;
    mariadb) echo "jdbc:mariadb://127.0.0.1:3306/$2";;
    h2) echo "jdbc:h2:$WORK/$2";;
  esac
}
create() { case $1 in
    postgresql) psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $2" ;;
    mariadb) mariadb -uroot -e "CREATE DATABASE $2 CHARACTER SET utf8mb4" ;;
    h2) : ;; esac; }
drop() { case $1 in
    postgresql) psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" ;;
    mariadb) mariadb -uroot -e "DROP DATABASE IF EXISTS $2" ;;
    h2) rm -f "$WORK/$2".*.db ;; esac; }
native() { # db name -> runs the script with the limit; exit 124 on timeout
  case $1 in
    postgresql) timeout "$LIMIT" psql -q -h 127.0.0.1 -U postgres -d "$2" -v ON_ERROR_STOP=1 -f "$SCRIPT" ;;
    mariadb) timeout "$LIMIT" mariadb -uroot "$2" < "$SCRIPT" ;;
    h2) timeout "$LIMIT" java -cp "$H2JAR" org.h2.tools.RunScript -url "jdbc:h2:$WORK/$2" -user wso2carbon -password wso2carbon -script "$SCRIPT" ;;
  esac; }
kill_server_side() { # a timed-out client leaves the statement running on the server
  case $1 in
    postgresql) psql -q -h 127.0.0.1 -U postgres -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = '$2' AND pid <> pg_backend_pid()" >/dev/null ;;
    mariadb) for id in $(mariadb -uroot -N -e "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '$2'"); do mariadb -uroot -e "KILL $id" || true; done ;;
    h2) : ;; esac; }

printf '%-11s %10s %14s %14s %9s\n' database rows reg-index.sql reindex ratio
for db in $DBS; do
  for n in "${SIZES[@]}"; do
    a=apim_bench_${db}_${n}_native; b=apim_bench_${db}_${n}_plugin
    for x in $a $b; do drop $db $x >/dev/null 2>&1 || true; create $db $x; java_ gen "$(url $db $x)" "$n"; done
    t0=$(now); rc=0; native $db $a >/dev/null 2>&1 || rc=$?; t1=$(now)
    if [ $rc -eq 124 ]; then kill_server_side $db $a; tn=$LIMIT; shown="> limit (${LIMIT}s)"
    elif [ $rc -ne 0 ]; then tn=0; shown="failed ($rc)"
    else tn=$(echo "$t1 - $t0" | bc); shown=$(printf '%.1fs' "$tn"); fi
    t0=$(now); java_ run "$(url $db $b)" > "$WORK/$b.log"; t1=$(now); tp=$(echo "$t1 - $t0" | bc)
    ratio=$(echo "scale=1; $tn / $tp" | bc)
    printf '%-11s %10s %14s %13.1fs %8sx\n' "$db" "$n" "$shown" "$tp" "$ratio"
    for x in $a $b; do drop $db $x >/dev/null 2>&1 || true; done
  done
done
rm -rf "$WORK"
