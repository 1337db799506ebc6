package io.github.apimupgrade.conformance;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.testing.Schema;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The project's schema fixtures (what a test runs on when WSO2's files are not beside the project) have WSO2's
 * shape: every table a fixture creates has, on every live dialect, the columns (names, types, nullability,
 * defaults), keys and foreign keys of the same table made by WSO2's own script. A fixture may hold fewer tables
 * than WSO2's script; it may not hold a table WSO2's script lacks, nor one of another shape.
 */
@EnabledIfSystemProperty(named = "apim.reference", matches = ".+")
class FixtureConformanceTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> fixtures() {
        List<Arguments> out = new ArrayList<>();
        for (Kind kind : List.of(Kind.H2, Kind.POSTGRESQL, Kind.MARIADB_VIA_MYSQL_DRIVER)) {
            out.add(Arguments.of(kind, "am-3.0.0", "apimgt-3.0.0"));
            out.add(Arguments.of(kind, "am-3.1.0", "apimgt-3.1.0"));
            out.add(Arguments.of(kind, "registry", "carbon-kernel-4.5.1"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1} on {0} has the shape of {2}")
    @MethodSource("fixtures")
    void everyFixtureTableHasTheShapeOfWso2sTable(Kind kind, String fixture, String reference) throws Exception {
        Dialect dialect = kind.dialect();
        Path script = Path.of(System.getProperty("apim.reference")).toAbsolutePath().resolve(reference)
                .resolve(dialect.folder() + ".sql");
        try (TestDatabase ours = TestDatabase.create(kind, tmp); TestDatabase wso2 = TestDatabase.create(kind, tmp)) {
            ours.loadFixture(fixture);
            ConformanceTest.loadReal(wso2, script);
            try (Connection o = ours.connect(); Connection w = wso2.connect()) {
                List<String> tables = new ArrayList<>(new Catalog(o, dialect).tables().keySet());
                assertFalse(tables.isEmpty(), "the fixture creates no table");
                List<String> missing = new ArrayList<>();
                for (String t : tables) {
                    if (!new Catalog(w, dialect).tableExists(t)) {
                        missing.add(t);
                    }
                }
                assertEquals(List.of(), missing, "tables of fixtures/" + fixture + " that WSO2's " + script + " does not create");
                Map<String, String> fixtureShape = Schema.shape(o, dialect, tables);
                Map<String, String> wso2Shape = Schema.shape(w, dialect, tables);
                List<String> differences = new ArrayList<>();
                for (String t : tables) {
                    List<String> theirs = List.of(wso2Shape.getOrDefault(t, "").split("\n"));
                    List<String> mine = List.of(fixtureShape.getOrDefault(t, "").split("\n"));
                    theirs.stream().filter(l -> !mine.contains(l)).forEach(l -> differences.add(t + " WSO2:    " + l));
                    mine.stream().filter(l -> !theirs.contains(l)).forEach(l -> differences.add(t + " fixture: " + l));
                }
                assertEquals(List.of(), differences, "fixtures/" + fixture + "-" + dialect.folder() + ".sql differs from " + script
                        + ":\n" + String.join("\n", differences));
            }
        }
    }
}
