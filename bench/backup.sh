#!/usr/bin/env bash
# Benchmark of apim:backup / apim:restore against the native tools, side by side in one run:
#   pg_dump (plain and custom format) and psql / pg_restore on PostgreSQL,
#   mysqldump --single-transaction and mariadb on MariaDB.
# Data: a registry-heavy 3.0.0 deployment: REG_LOG 2,000,000 rows, REG_CONTENT 100,000 rows of
# 2-5 KB, AM_API 20,000 rows (SCALE=0.1 for a quick run). Each tool runs RUNS times (default 3);
# the median wall time and the peak RSS (GNU time -v) are printed, with the ratios apim / native.
# apim runs twice per run: as the whole `mvn apim:backup` / `mvn apim:restore` an operator types (rows
# mvn-apim-*), and as the plugin's core in a plain JVM (rows apim-*: bench harness
# io.github.apimupgrade.backup.BackupMain, the same code the Mojo calls, without Maven's start-up);
# default 2 worker threads.
#
# Needs: PostgreSQL on 127.0.0.1:5432 (postgres, trust), MariaDB on 127.0.0.1:3306 (root, no
# password), pg_dump/psql/pg_restore, mysqldump/mariadb, /usr/bin/time, mvn. Creates and drops the
# databases apim_bench_* and writes under ${BENCH_DIR:-/tmp/apim-bench}.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-1}
RUNS=${RUNS:-3}
DIR=${BENCH_DIR:-/tmp/apim-bench}
BUILD=${BUILD_DIR:-/tmp/backup-target}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
REG_LOG=$(awk "BEGIN{printf \"%d\", 2000000*$SCALE}")
REG_CONTENT=$(awk "BEGIN{printf \"%d\", 100000*$SCALE}")
AM_API=$(awk "BEGIN{printf \"%d\", 20000*$SCALE}")
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
MY="mariadb -h 127.0.0.1 -uroot"
rm -rf "$DIR" && mkdir -p "$DIR"
RESULTS=$DIR/results.tsv
: > "$RESULTS"

echo "== building the plugin (installed in the local repository) and the harness in $BUILD"
mvn -B -q -Dapim.buildDir="$BUILD" install -DskipTests -Dinvoker.skip=true
mvn -B -q -Dapim.buildDir="$BUILD" test-compile dependency:build-classpath -Dmdep.outputFile="$DIR/cp.txt" -Dmdep.includeScope=test
CP="$BUILD/test-classes:$BUILD/classes:$(cat "$DIR/cp.txt")"
. bench/operator-pom.sh
operator_pom "$DIR"

pg_db() { $PG -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"; }
my_db() { $MY -e "DROP DATABASE IF EXISTS $1; CREATE DATABASE $1 CHARACTER SET utf8mb4"; }

echo "== generating data: REG_LOG $REG_LOG rows, REG_CONTENT $REG_CONTENT rows of 2-5 KB, AM_API $AM_API rows"
pg_db apim_bench_src
$PG -d apim_bench_src -f src/test/resources/fixtures/am-3.0.0-postgresql.sql -f src/test/resources/fixtures/registry-postgresql.sql
$PG -d apim_bench_src <<SQL
INSERT INTO REG_LOG (REG_PATH, REG_USER_ID, REG_LOGGED_TIME, REG_ACTION, REG_ACTION_DATA, REG_TENANT_ID)
  SELECT '/_system/governance/apimgt/applicationdata/provider/admin/api-' || (g % 5000) || '/1.0.0/api', 'admin',
         TIMESTAMP '2020-01-01' + g * INTERVAL '1 second', g % 10, CASE WHEN g % 4 = 0 THEN 'updated lifecycle state' END, g % 3
  FROM generate_series(1, $REG_LOG) g;
INSERT INTO REG_CONTENT (REG_CONTENT_DATA, REG_TENANT_ID)
  SELECT convert_to(repeat('<api name="api-' || g || '" context="/t/' || md5(g::text) || '"/>' || chr(10), 40 + g % 60), 'UTF8'), g % 3
  FROM generate_series(1, $REG_CONTENT) g;
INSERT INTO AM_API (API_PROVIDER, API_NAME, API_VERSION, CONTEXT, API_TIER, API_TYPE, CREATED_BY, CREATED_TIME)
  SELECT 'admin', 'api-' || g, '1.0.0', '/api-' || g || '/1.0.0', 'Unlimited', 'HTTP', 'admin', TIMESTAMP '2020-01-01' + g * INTERVAL '1 minute'
  FROM generate_series(1, $AM_API) g;
VACUUM ANALYZE;
SQL
my_db apim_bench_src
$MY apim_bench_src < src/test/resources/fixtures/am-3.0.0-mysql.sql
$MY apim_bench_src < src/test/resources/fixtures/registry-mysql.sql
$MY apim_bench_src <<SQL
INSERT INTO REG_LOG (REG_PATH, REG_USER_ID, REG_LOGGED_TIME, REG_ACTION, REG_ACTION_DATA, REG_TENANT_ID)
  SELECT CONCAT('/_system/governance/apimgt/applicationdata/provider/admin/api-', seq % 5000, '/1.0.0/api'), 'admin',
         TIMESTAMP '2020-01-01 00:00:00' + INTERVAL seq SECOND, seq % 10, IF(seq % 4 = 0, 'updated lifecycle state', NULL), seq % 3
  FROM seq_1_to_$REG_LOG;
INSERT INTO REG_CONTENT (REG_CONTENT_DATA, REG_TENANT_ID)
  SELECT REPEAT(CONCAT('<api name="api-', seq, '" context="/t/', MD5(seq), '"/>', CHAR(10)), 40 + seq % 60), seq % 3
  FROM seq_1_to_$REG_CONTENT;
INSERT INTO AM_API (API_PROVIDER, API_NAME, API_VERSION, CONTEXT, API_TIER, API_TYPE, CREATED_BY, CREATED_TIME)
  SELECT 'admin', CONCAT('api-', seq), '1.0.0', CONCAT('/api-', seq, '/1.0.0'), 'Unlimited', 'HTTP', 'admin',
         TIMESTAMP '2020-01-01 00:00:00' + INTERVAL seq MINUTE
  FROM seq_1_to_$AM_API;
ANALYZE TABLE REG_LOG, REG_CONTENT, AM_API;
SQL
echo "PostgreSQL size: $($PG -d apim_bench_src -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))")"
echo "MariaDB size:    $($MY -N -e "SELECT CONCAT(ROUND(SUM(DATA_LENGTH + INDEX_LENGTH) / 1e6), ' MB') FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'apim_bench_src'")"

# timed NAME COMMAND...: runs it under GNU time, appends "NAME wall_seconds max_rss_kb" to the results.
timed() {
  local name=$1; shift
  sync
  /usr/bin/time -v -o "$DIR/time.txt" "$@" > "$DIR/last.log" 2>&1 || { echo "FAILED: $name"; tail -30 "$DIR/last.log"; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$DIR/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DIR/time.txt")
  printf '%s\t%s\t%s\n' "$name" "$wall" "$rss" >> "$RESULTS"
  printf '  %-22s %8.2f s  %8d KB\n' "$name" "$wall" "$rss"
}

# shellcheck disable=SC2206
APIM=(java $JAVA_OPTS -cp "$CP" io.github.apimupgrade.backup.BackupMain)
db_args() { # url user
  for k in apim shared; do printf '%s\n' "apim.db.$k.url=$1" "apim.db.$k.username=$2" "apim.db.$k.password="; done
}
MVN=(env MAVEN_OPTS="$JAVA_OPTS" mvn -B -q -f "$DIR/pom.xml")
mvn_args() { # key=value... -> -Dkey=value...
  for a in "$@"; do printf -- '-D%s\n' "$a"; done
}

for run in $(seq 1 "$RUNS"); do
  echo "== run $run of $RUNS"
  rm -rf "$DIR/out" && mkdir -p "$DIR/out"
  # PostgreSQL backups
  mapfile -t A < <(db_args jdbc:postgresql://127.0.0.1:5432/apim_bench_src postgres)
  timed apim-backup-pg "${APIM[@]}" "${A[@]}" apim.backup.dir="$DIR/out/apim-pg" apim.workDir="$DIR/work" apim.env=bench
  mapfile -t M < <(mvn_args "${A[@]}" apim.backup.dir="$DIR/out/mvn-pg" apim.workDir="$DIR/work" apim.env=bench)
  timed mvn-apim-backup-pg "${MVN[@]}" apim:backup "${M[@]}"
  timed pg_dump-plain pg_dump -h 127.0.0.1 -U postgres -f "$DIR/out/pg.sql" apim_bench_src
  timed pg_dump-custom pg_dump -h 127.0.0.1 -U postgres -Fc -f "$DIR/out/pg.dump" apim_bench_src
  # PostgreSQL restores, each into a new empty database
  pg_db apim_bench_r1; mapfile -t A < <(db_args jdbc:postgresql://127.0.0.1:5432/apim_bench_r1 postgres)
  timed apim-restore-pg "${APIM[@]}" restore "${A[@]}" apim.backup.dir="$DIR/out/apim-pg" apim.workDir="$DIR/work" apim.env=bench
  pg_db apim_bench_r4; mapfile -t A < <(db_args jdbc:postgresql://127.0.0.1:5432/apim_bench_r4 postgres)
  mapfile -t M < <(mvn_args "${A[@]}" apim.backup.dir="$DIR/out/mvn-pg" apim.workDir="$DIR/work" apim.env=bench)
  timed mvn-apim-restore-pg "${MVN[@]}" apim:restore "${M[@]}"
  pg_db apim_bench_r2
  timed psql-plain $PG -d apim_bench_r2 -f "$DIR/out/pg.sql"
  pg_db apim_bench_r3
  timed pg_restore-custom pg_restore -h 127.0.0.1 -U postgres -d apim_bench_r3 "$DIR/out/pg.dump"
  # MariaDB
  mapfile -t A < <(db_args jdbc:mariadb://127.0.0.1:3306/apim_bench_src root)
  timed apim-backup-my "${APIM[@]}" "${A[@]}" apim.backup.dir="$DIR/out/apim-my" apim.workDir="$DIR/work" apim.env=bench
  mapfile -t M < <(mvn_args "${A[@]}" apim.backup.dir="$DIR/out/mvn-my" apim.workDir="$DIR/work" apim.env=bench)
  timed mvn-apim-backup-my "${MVN[@]}" apim:backup "${M[@]}"
  timed mysqldump bash -c "mysqldump -h 127.0.0.1 -uroot --single-transaction apim_bench_src > '$DIR/out/my.sql'"
  my_db apim_bench_r1; mapfile -t A < <(db_args jdbc:mariadb://127.0.0.1:3306/apim_bench_r1 root)
  timed apim-restore-my "${APIM[@]}" restore "${A[@]}" apim.backup.dir="$DIR/out/apim-my" apim.workDir="$DIR/work" apim.env=bench
  my_db apim_bench_r3; mapfile -t A < <(db_args jdbc:mariadb://127.0.0.1:3306/apim_bench_r3 root)
  mapfile -t M < <(mvn_args "${A[@]}" apim.backup.dir="$DIR/out/mvn-my" apim.workDir="$DIR/work" apim.env=bench)
  timed mvn-apim-restore-my "${MVN[@]}" apim:restore "${M[@]}"
  my_db apim_bench_r2
  timed mariadb-load bash -c "$MY apim_bench_r2 < '$DIR/out/my.sql'"
  du -sh "$DIR/out"/* | sed 's/^/  size /'
done

echo "== medians of $RUNS runs (wall s, peak RSS MB)"
python3 - "$RESULTS" <<'PY'
import sys, statistics, collections
w = collections.defaultdict(list); r = collections.defaultdict(list)
for line in open(sys.argv[1]):
    n, s, k = line.split('\t'); w[n].append(float(s)); r[n].append(int(k))
med = {n: statistics.median(v) for n, v in w.items()}
for n in w:
    print(f"  {n:22s} {med[n]:8.2f} s   {max(r[n]) / 1024:8.1f} MB")
print("== ratios (apim / native; at most 1.0 is the goal)")
for a, b in [("mvn-apim-backup-pg", "pg_dump-plain"), ("mvn-apim-backup-pg", "pg_dump-custom"), ("mvn-apim-backup-my", "mysqldump"),
             ("mvn-apim-restore-pg", "psql-plain"), ("mvn-apim-restore-pg", "pg_restore-custom"), ("mvn-apim-restore-my", "mariadb-load"),
             ("apim-backup-pg", "pg_dump-plain"), ("apim-backup-pg", "pg_dump-custom"), ("apim-backup-my", "mysqldump"),
             ("apim-restore-pg", "psql-plain"), ("apim-restore-pg", "pg_restore-custom"), ("apim-restore-my", "mariadb-load")]:
    print(f"  {a:20s} / {b:18s} = {med[a] / med[b]:.2f}")
PY
$PG -d postgres -c "DROP DATABASE IF EXISTS apim_bench_src WITH (FORCE)" -c "DROP DATABASE IF EXISTS apim_bench_r1 WITH (FORCE)" \
  -c "DROP DATABASE IF EXISTS apim_bench_r2 WITH (FORCE)" -c "DROP DATABASE IF EXISTS apim_bench_r3 WITH (FORCE)" \
  -c "DROP DATABASE IF EXISTS apim_bench_r4 WITH (FORCE)"
$MY -e "DROP DATABASE IF EXISTS apim_bench_src; DROP DATABASE IF EXISTS apim_bench_r1; DROP DATABASE IF EXISTS apim_bench_r2; DROP DATABASE IF EXISTS apim_bench_r3"
