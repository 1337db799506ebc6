package io.github.apimupgrade.migrateconfig;

import io.github.apimupgrade.core.files.Checksums;
import io.github.apimupgrade.core.files.JdbcDrivers;
import io.github.apimupgrade.core.migrateconfig.MigrateConfigGoal;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The [database.*] blocks per dialect hold exactly the keys WSO2 3.1.0 expects (runbook Step 1.3, ground truth §6). */
class DatasourceBlocksTest {
    @TempDir
    Path root;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:h2:./repository/database/WSO2AM_DB|type=h2;url=jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE;username=u;password=$secret{apim_db_password}",
            "jdbc:mysql://db:3306/am_db|type=mysql;url=jdbc:mysql://db:3306/am_db;username=u;password=$secret{apim_db_password}",
            "jdbc:mariadb://db:3306/am_db|type=mysql;url=jdbc:mariadb://db:3306/am_db;username=u;password=$secret{apim_db_password};driver=org.mariadb.jdbc.Driver;validationQuery=SELECT 1",
            "jdbc:postgresql://db:5432/am_db|type=postgre;url=jdbc:postgresql://db:5432/am_db;username=u;password=$secret{apim_db_password};driver=org.postgresql.Driver;validationQuery=SELECT 1",
            "jdbc:sqlserver://db:1433;databaseName=am_db;SendStringParametersAsUnicode=false|type=mssql;url=jdbc:sqlserver://db:1433;databaseName=am_db;SendStringParametersAsUnicode=false;username=u;password=$secret{apim_db_password};driver=com.microsoft.sqlserver.jdbc.SQLServerDriver;validationQuery=SELECT 1",
            "jdbc:oracle:thin:@db:1521/am_db|type=oracle;url=jdbc:oracle:thin:@db:1521/am_db;username=u;password=$secret{apim_db_password};driver=oracle.jdbc.OracleDriver;validationQuery=SELECT 1 FROM DUAL",
            "jdbc:db2://db:50000/am_db|type=db2;url=jdbc:db2://db:50000/am_db;username=u;password=$secret{apim_db_password};driver=com.ibm.db2.jcc.DB2Driver;validationQuery=SELECT 1 FROM SYSIBM.SYSDUMMY1"})
    void datasourceBlockPerDialect(String url, String expected) throws Exception {
        ExampleHomes.build(root);
        // A driver jar in the new home's lib, so that no dialect needs one from the plugin.
        Path lib = root.resolve(ExampleHomes.NEW).resolve("repository/components/lib");
        String cls = io.github.apimupgrade.core.db.Dialect.driverClassFor(url);
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(lib.resolve("driver-1.0.jar")))) {
            zip.putNextEntry(new java.util.zip.ZipEntry(cls.replace('.', '/') + ".class"));
            zip.closeEntry();
        }
        TestRun r = new TestRun(root)
                .set("apim.oldHome", root.resolve(ExampleHomes.OLD).toString())
                .set("apim.newHome", root.resolve(ExampleHomes.NEW).toString())
                .set("apim.workDir", root.resolve("work").toString())
                .set("apim.db.apim.url", url).set("apim.db.apim.username", "u").set("apim.db.apim.password", "S3cret-" + url.length());
        r.run(c -> new MigrateConfigGoal(c, JdbcDrivers.ArtifactResolver.none(), ClassLoader.getPlatformClassLoader()).run());
        TomlParseResult t = Toml.parse(Files.readString(root.resolve(ExampleHomes.NEW).resolve("repository/conf/deployment.toml")));
        assertFalse(t.hasErrors());
        TomlTable block = t.getTable("database.apim_db");
        Map<String, String> actual = new TreeMap<>();
        block.keySet().forEach(k -> actual.put(k, block.getString(k)));
        Map<String, String> want = new TreeMap<>();
        // url values contain ';' too: split on the key names.
        for (String part : expected.split(";(?=(type|url|username|password|driver|validationQuery)=)")) {
            int eq = part.indexOf('=');
            want.put(part.substring(0, eq), part.substring(eq + 1));
        }
        assertEquals(want, actual);
        assertFalse(r.logText().contains("S3cret-"), r.logText());
        // The shared registry block stays as the 3.1.0 pack has it.
        assertEquals("jdbc:h2:./repository/database/WSO2SHARED_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE", t.getString("database.shared_db.url"));
        assertEquals(Checksums.sha256(ExampleHomes.NEW_TOML),
                Checksums.sha256(root.resolve(ExampleHomes.NEW).resolve("repository/conf/deployment.toml.apim-orig")));
    }
}
