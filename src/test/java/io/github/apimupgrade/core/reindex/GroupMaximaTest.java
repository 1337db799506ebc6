package io.github.apimupgrade.core.reindex;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The group table against a plain HashMap of the same paths, over enough groups to make it grow several times. */
class GroupMaximaTest {
    private record Key(int tenant, String path) {
    }

    @Test
    void keepsTheNewestIdOfEveryGroupAcrossResizes() {
        Random r = new Random(5);
        GroupMaxima table = new GroupMaxima();
        PathDigest digest = new PathDigest();
        Map<Key, int[]> reference = new HashMap<>(); // {newest id, 1 if that row is a delete}
        for (int id = 1; id <= 600_000; id++) {
            int tenant = r.nextInt(3) - 1;
            String path = r.nextInt(50) == 0 ? null : "/_system/governance/p-" + r.nextInt(250_000);
            boolean isDelete = r.nextInt(8) == 0;
            digest.of(path);
            table.add(tenant, digest.hi, digest.lo, id, isDelete);
            reference.merge(new Key(tenant, path), new int[] {id, isDelete ? 1 : 0}, (a, b) -> b[0] > a[0] ? b : a);
        }
        assertEquals(reference.size(), table.size());
        assertArrayEquals(reference.values().stream().mapToInt(v -> v[0]).sorted().toArray(), table.newestIds());
        assertArrayEquals(reference.values().stream().filter(v -> v[1] == 0).mapToInt(v -> v[0]).sorted().toArray(),
                table.survivingIds());
    }

    @Test
    void nullEmptyAndCaseAreDifferentKeys() {
        PathDigest d = new PathDigest();
        d.of(null);
        long nullHi = d.hi;
        d.of("");
        assertNotEquals(nullHi, d.hi, "NULL and '' are different groups, as in GROUP BY");
        d.of("/a");
        long text = d.hi;
        d.of("/A");
        assertNotEquals(text, d.hi, "case is the database's business: MySQL sends a collation key that merges it");
    }
}
