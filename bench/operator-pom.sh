# Sourced by the benchmarks: operator_pom DIR writes DIR/pom.xml, an operator's project that uses
# this plugin (the version built from this checkout) with the PostgreSQL and MariaDB JDBC drivers,
# so that `mvn -f DIR/pom.xml apim:<goal>` runs the goal as an operator types it.
operator_pom() {
  prop() { sed -n "0,/<$1>/s:.*<$1>\\(.*\\)</$1>.*:\\1:p" pom.xml; }
  cat > "$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>apim-bench</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>io.github.apimupgrade</groupId><artifactId>apim-maven-plugin</artifactId><version>$(prop version)</version>
    <dependencies>
      <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>$(prop postgresql.version)</version></dependency>
      <dependency><groupId>org.mariadb.jdbc</groupId><artifactId>mariadb-java-client</artifactId><version>$(prop mariadb.version)</version></dependency>
    </dependencies>
  </plugin></plugins></build>
</project>
POM
}
