package io.github.apimupgrade.conformance;

import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.sql.SqlResources;
import io.github.apimupgrade.core.sql.StatementSplitter;
import io.github.apimupgrade.testing.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ApiLastAccessSummary as siddhi-store-rdbms creates it, rendered here from WSO2's real files (the table definition in
 * analytics-apim's APIM_ACCESS_SUMMARY.siddhi, the dialect's create query, type mapping and string size in
 * rdbms-table-config.xml): Analytics 3.0.0 (store 6.0.4) gives the shape of this project's 3.0.0 test tables, and
 * Analytics 3.1.0 (store 7.0.5) the table verify compares with ({@code sql/analytics/<dialect>/table-3.1.0.sql}).
 */
@EnabledIfSystemProperty(named = "apim.reference", matches = ".+")
class AnalyticsTableConformanceTest {
    private static final Pattern DEFINITION = Pattern.compile(
            "@primaryKey\\(([^)]*)\\)\\s*define table ApiLastAccessSummary \\(([^)]*)\\);");

    @ParameterizedTest
    @CsvSource({"H2, h2", "MYSQL, mysql", "POSTGRESQL, PostgreSQL"})
    void theShippedAnd300TablesAreWhatSiddhiCreates(Dialect dialect, String configName) throws Exception {
        String folder = dialect.folder();
        String fixture = "analytics/last-access-" + (folder.equals("mysql") ? "mysql-latin1" : folder) + ".sql";
        String table300 = StatementSplitter.split(dialect, TestDatabase.read(fixture)).get(0);
        assertEquals(normalized(render("3.0.0", "6.0.4", configName)), normalized(table300), fixture);

        String shipped = SqlResources.fill(SqlResources.load("analytics", dialect, "table-3.1.0"),
                Map.of("table", "ApiLastAccessSummary", "collation", "latin1_swedish_ci"));
        String table310 = StatementSplitter.split(dialect, shipped).get(0);
        assertEquals(normalized(render("3.1.0", "7.0.5", configName)), normalized(table310), "table-3.1.0.sql of " + folder);
    }

    /** The CREATE TABLE siddhi-store-rdbms runs for ApiLastAccessSummary when the table is missing. */
    private static String render(String analytics, String store, String configName) throws Exception {
        Path reference = ConformanceTest.referenceDir();
        String siddhi = Files.readString(reference.resolve("analytics-apim-" + analytics + "/APIM_ACCESS_SUMMARY.siddhi"));
        Matcher m = DEFINITION.matcher(siddhi);
        if (!m.find()) {
            throw new AssertionError("no ApiLastAccessSummary definition in APIM_ACCESS_SUMMARY.siddhi " + analytics);
        }
        Element db = database(reference.resolve("siddhi-store-rdbms-" + store + "/rdbms-table-config.xml"), configName);
        List<String> columns = new ArrayList<>();
        for (String attribute : m.group(2).split(",")) {
            String[] nameType = attribute.trim().split("\\s+");
            columns.add(nameType[0] + " " + switch (nameType[1]) {
                case "string" -> text(db, "stringType") + "(" + text(db, "stringSize") + ")";
                case "long" -> text(db, "longType");
                default -> throw new AssertionError("attribute type " + nameType[1]);
            });
        }
        String primaryKey = "PRIMARY KEY(" + m.group(1).replace("'", "").trim() + ")";
        return text(db, "tableCreateQuery").replace("{{TABLE_NAME}}", "ApiLastAccessSummary")
                .replace("{{COLUMNS, PRIMARY_KEYS}}", String.join(", ", columns) + ", " + primaryKey);
    }

    private static Element database(Path config, String name) throws Exception {
        NodeList dbs = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(config.toFile()).getElementsByTagName("database");
        for (int i = 0; i < dbs.getLength(); i++) {
            Element e = (Element) dbs.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no database '" + name + "' in " + config);
    }

    private static String text(Element db, String tag) {
        return db.getElementsByTagName(tag).item(0).getTextContent().trim();
    }

    /**
     * One statement compared without its layout: quotes, case and spaces around punctuation dropped; a MySQL table
     * option after the column list (the test tables' character set, the shipped table's collation) is not the DDL
     * siddhi generates and is cut.
     */
    private static String normalized(String sql) {
        String s = StatementSplitter.withoutComments(sql).replaceAll("[`\"]", "").toUpperCase(Locale.ROOT);
        s = s.substring(0, s.lastIndexOf(')') + 1);
        return s.replaceAll("\\s*([(),=])\\s*", "$1").replaceAll("\\s+", " ").trim();
    }
}
