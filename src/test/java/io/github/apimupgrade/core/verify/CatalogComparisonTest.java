package io.github.apimupgrade.core.verify;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.db.CatalogFacts;
import io.github.apimupgrade.core.db.CatalogFacts.Fact;
import io.github.apimupgrade.core.db.Dialect;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact deltas: both values must be the documented ones, a table gone is one difference, unmatched entries are stale. */
class CatalogComparisonTest {
    private final ExpectedDeltas deltas = new ExpectedDeltas("verify/deltas.tsv");
    private final TableRules identity = new TableRules("apim-data/verify/identity-differences.properties");

    private static SortedMap<String, Fact> facts(String... tableKeyValue) {
        SortedMap<String, Fact> out = new TreeMap<>();
        for (int i = 0; i < tableKeyValue.length; i += 3) {
            out.put(tableKeyValue[i + 1], new Fact(tableKeyValue[i], tableKeyValue[i + 1], tableKeyValue[i + 2]));
        }
        return out;
    }

    @Test
    void aDifferenceIsExplainedOnlyWithBothValuesAsDocumented() {
        CatalogComparison c = new CatalogComparison(Dialect.POSTGRESQL, deltas, identity, null, false);
        List<CatalogComparison.Difference> d = c.compare("db", true,
                facts("T", "table T", "present", "T", "column T.A position", "1", "T", "index T(B) name", "IDX_T_B", "T", "column T.C default", "'x'"),
                facts("T", "table T", "present", "T", "column T.A position", "3", "T", "column T.C default", "'y'",
                        CatalogFacts.SCHEMA, "sequence OLD_SEQ", "present"));
        assertEquals(List.of("column T.A position EXPLAINED", "column T.C default UNEXPLAINED", "index T(B) name EXPLAINED",
                "sequence OLD_SEQ EXPLAINED"), d.stream().map(x -> x.key() + " " + x.status()).toList());
        assertEquals("appended by ALTER TABLE", d.get(0).reason());
        assertTrue(c.stale().isEmpty(), c.stale().toString());
    }

    @Test
    void aDocumentedFactWithAnotherValueIsUnexplainedAndItsEntryStale() {
        CatalogComparison c = new CatalogComparison(Dialect.MYSQL, deltas, identity, null, false);
        List<CatalogComparison.Difference> d = c.compare("db", true,
                facts("T", "table T", "present", "T", "column T.A position", "1"),
                facts("T", "table T", "present", "T", "column T.A position", "2"));
        assertEquals(1, d.size());
        assertEquals(CatalogComparison.UNEXPLAINED, d.get(0).status());
        assertTrue(d.get(0).reason().contains("line 3: column T.A position (migrated 3, fresh 3.1.0 1)"), d.get(0).reason());
        // T was compared, so its entry that matched nothing is stale; the sequence entry was for no compared object either
        assertEquals(List.of(3, 6), c.stale().stream().map(ExpectedDeltas.Entry::line).toList());
    }

    @Test
    void aTableGoneIsOneDifferenceNotOnePerColumn() {
        CatalogComparison c = new CatalogComparison(Dialect.POSTGRESQL, deltas, identity, null, false);
        List<CatalogComparison.Difference> d = c.compare("db", true,
                facts("T", "table T", "present", "T", "column T.A type", "int4(10)", "T", "column T.A position", "1"),
                facts());
        assertEquals(List.of("table T: migrated (absent), fresh 3.1.0 present"), d.stream().map(CatalogComparison.Difference::line).toList());
        assertEquals(CatalogComparison.UNEXPLAINED, d.get(0).status());
    }

    @Test
    void theIdentityMigrationsDifferencesAreNotDoneUntilItIsAndAcceptedOnlyWhenSaid() {
        IdentityMigrationStatus notDone = new IdentityMigrationStatus(false, "it has not run");
        SortedMap<String, Fact> fresh = facts("IDN_OAUTH2_TOKEN_BINDING", "table IDN_OAUTH2_TOKEN_BINDING", "present");
        SortedMap<String, Fact> migrated = facts(CatalogFacts.SCHEMA, "routine ALTER_UM_USER", "procedure",
                CatalogFacts.SCHEMA, "extension UUID-OSSP", "present");
        List<CatalogComparison.Difference> strict = new CatalogComparison(Dialect.MYSQL, deltas, identity, notDone, false).compare("db", true, fresh, migrated);
        assertTrue(strict.stream().allMatch(x -> x.status().equals(CatalogComparison.NOT_DONE)), strict.toString());
        assertEquals(3, strict.size());
        List<CatalogComparison.Difference> accepted = new CatalogComparison(Dialect.MYSQL, deltas, identity, notDone, true).compare("db", true, fresh, migrated);
        assertTrue(accepted.stream().allMatch(x -> x.status().equals(CatalogComparison.ACCEPTED)), accepted.toString());
        List<CatalogComparison.Difference> done = new CatalogComparison(Dialect.MYSQL, deltas, identity, null, false).compare("db", true, fresh, migrated);
        assertTrue(done.stream().allMatch(x -> x.status().equals(CatalogComparison.UNEXPLAINED)), "done: only exact entries explain: " + done);
    }

    @Test
    void aBrokenDeltaFileNamesTheLine() {
        ApimException e = assertThrows(ApimException.class, () -> new ExpectedDeltas("verify/deltas-broken.tsv"));
        assertTrue(e.getMessage().contains("verify/deltas-broken.tsv line 2 has 3 tab-separated fields"), e.getMessage());
    }

    @Test
    void theShippedDeltasReadAndEveryEntryHasAReason() {
        ExpectedDeltas shipped = new ExpectedDeltas();
        for (Dialect d : List.of(Dialect.H2, Dialect.POSTGRESQL, Dialect.MYSQL)) {
            assertTrue(shipped.of(d).stream().anyMatch(e -> e.describe().contains("position")), d + ": no column position entry");
            shipped.of(d).forEach(e -> assertTrue(e.reason().length() > 30, e.describe()));
        }
    }
}
