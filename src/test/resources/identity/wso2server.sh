#!/bin/sh
# Test stand-in for WSO2 API-M 3.1.0's bin/wso2server.sh, written for apim-maven-plugin's tests.
# It writes console log lines in the server's format while "migrating", then keeps running like a
# started server until it is stopped. SCENARIO: success | slow (success, a second per migrator) | failed-migrator |
# pool-exhausted.
SCENARIO=@SCENARIO@
HOME_DIR=$(cd "$(dirname "$0")/.." && pwd)
CONF="$HOME_DIR/repository/conf/deployment.toml"
YAML="$HOME_DIR/migration-resources/migration-config.yaml"

log() {
  echo "[$(date '+%Y-%m-%d %H:%M:%S'),042] [] $1 {$2} - $3"
}

log INFO org.wso2.carbon.core.internal.CarbonCoreActivator "Starting WSO2 Carbon..."
log INFO org.wso2.carbon.core.internal.CarbonCoreActivator "Operating System : Linux (fake server for tests)"
# the server's datasources hold embedded H2 databases while it runs, so no other process can open them
if [ -n "@CP@" ] && grep -q '^url = "jdbc:h2:' "$CONF" 2>/dev/null; then
  HELD=$(mktemp)
  "@JAVA@" -Xmx64m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "@CP@" io.github.apimupgrade.identity.IdentityMigrationStandIn "$HOME_DIR" --hold-h2 > "$HELD" 2>&1 &
  i=0
  while ! grep -q '^held' "$HELD" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  if ! grep -q '^held' "$HELD"; then
    log ERROR org.wso2.carbon.ndatasource.core.DataSourceRepository "Error in registering data source: $(head -c 300 "$HELD" | tr '\n' ' ')"
  fi
  rm -f "$HELD"
fi
case " $* " in
  *" -Dmigrate "*"-Dcomponent=identity "*) ;;
  *) log INFO org.wso2.carbon.core.internal.StartupFinalizerServiceComponent "WSO2 Carbon started in 1 sec"
     while true; do sleep 1; done ;;
esac
if ! ls "$HOME_DIR"/repository/components/dropins/org.wso2.carbon.is.migration-*.jar >/dev/null 2>&1; then
  log INFO org.wso2.carbon.core.internal.StartupFinalizerServiceComponent "WSO2 Carbon started in 1 sec"
  while true; do sleep 1; done
fi
if ! grep -q 'continueOnError: "false"' "$YAML" || ! grep -q 'currentVersion: "5.9.0"' "$YAML"; then
  log ERROR org.wso2.carbon.is.migration.MigrationClientImpl "migration-config.yaml is not prepared"
fi
if grep -q '^     name: "MigrationValidator"' "$YAML"; then
  log ERROR org.wso2.carbon.is.migration.MigrationClientImpl "MigrationValidator must not run for API-M"
fi
if ! grep -q '^type = "database"' "$CONF"; then
  log ERROR org.wso2.carbon.is.migration.MigrationClientImpl "the user store is not of type database"
fi
log INFO org.wso2.carbon.is.migration.MigrationClientImpl "Migration starting from 5.9.0 to 5.10.0"
# for the tests: how many times WSO2's identity migration ran on this deployment (beside the homes)
echo "identity migration started $(date '+%H:%M:%S')" >> "$HOME_DIR/../identity-migrations.txt"
# WSO2's schema scripts, when the resources hold them (IdentityMigrationStandIn; not in the failure scenarios)
if [ -n "@CP@" ] && { [ "$SCENARIO" = success ] || [ "$SCENARIO" = slow ]; }; then
  if ! "@JAVA@" -Xmx64m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "@CP@" io.github.apimupgrade.identity.IdentityMigrationStandIn "$HOME_DIR"; then
    log ERROR org.wso2.carbon.is.migration.MigrationClientImpl "Error while executing SchemaMigrator"
    log ERROR org.wso2.carbon.is.migration.MigrationClientImpl "Migration process was stopped."
    while true; do sleep 1; done
  fi
fi
for m in ScopeDataMigrator SchemaMigrator OAuth2ScopesMigrator ClaimDataMigrator UserIDMigrator; do
  log INFO org.wso2.carbon.is.migration.VersionMigration "Executing $m"
  if [ "$SCENARIO" = slow ]; then sleep 1; fi
  if [ "$SCENARIO" = failed-migrator ] && [ "$m" = ClaimDataMigrator ]; then
    log ERROR org.wso2.carbon.is.migration.MigrationClientImpl "Error while executing ClaimDataMigrator: duplicate claim mapping"
    log ERROR org.wso2.carbon.is.migration.MigrationClientImpl "Migration process was stopped."
  fi
  if [ "$SCENARIO" = pool-exhausted ] && [ "$m" = OAuth2ScopesMigrator ] && ! grep -q '^frequency = ' "$CONF"; then
    log ERROR org.wso2.carbon.registry.core.dataaccess.TransactionManager "Failed to start new registry transaction. org.apache.tomcat.jdbc.pool.PoolExhaustedException: [pool-30-thread-11] Timeout: Pool empty. Unable to fetch a connection in 60 seconds, none available[size:50; busy:50; idle:0; lastwait:60000]."
    while true; do sleep 1; done
  fi
done
log INFO org.wso2.carbon.is.migration.MigrationClientImpl "Migration to 5.10.0 completed"
log INFO org.wso2.carbon.core.internal.StartupFinalizerServiceComponent "Server           :  WSO2 API Manager-3.1.0"
log INFO org.wso2.carbon.core.internal.StartupFinalizerServiceComponent "WSO2 Carbon started in 3 sec"
while true; do sleep 1; done
