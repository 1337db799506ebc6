package io.github.apimupgrade.core.reindex;

import java.util.Arrays;

/**
 * The newest REG_LOG id of every (tenant, path) group, in about 40 bytes per group whatever the
 * path's length: an open-addressing table keyed by the tenant and a 128-bit digest of the path's
 * comparison key ({@link PathDigest}). Memory grows with the number of distinct paths, never with
 * the number of rows.
 */
final class GroupMaxima {
    private static final double LOAD = 0.6;

    private int[] tenant;
    private long[] hi;
    private long[] lo;
    private int[] maxId;
    private boolean[] maxIsDelete;
    private boolean[] used;
    private int size;

    GroupMaxima() {
        allocate(1 << 16);
    }

    /** Records row {@code id} of the group; the group keeps its largest id and whether that row is an action 7. */
    void add(int rowTenant, long digestHi, long digestLo, int id, boolean isDelete) {
        if (size + 1 > used.length * LOAD) {
            grow();
        }
        int mask = used.length - 1;
        int slot = (int) mix(rowTenant, digestHi, digestLo) & mask;
        while (used[slot]) {
            if (tenant[slot] == rowTenant && hi[slot] == digestHi && lo[slot] == digestLo) {
                if (id > maxId[slot]) {
                    maxId[slot] = id;
                    maxIsDelete[slot] = isDelete;
                }
                return;
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        tenant[slot] = rowTenant;
        hi[slot] = digestHi;
        lo[slot] = digestLo;
        maxId[slot] = id;
        maxIsDelete[slot] = isDelete;
        size++;
    }

    int size() {
        return size;
    }

    /** The newest id of every group, ascending (what reg-index.sql's reg_log_ids_to_KEEP holds). */
    int[] newestIds() {
        return ids(false);
    }

    /** The newest ids that survive reg-index.sql: those whose row is not itself a delete (action 7), ascending. */
    int[] survivingIds() {
        return ids(true);
    }

    private int[] ids(boolean survivorsOnly) {
        int[] out = new int[size];
        int n = 0;
        for (int i = 0; i < used.length; i++) {
            if (used[i] && !(survivorsOnly && maxIsDelete[i])) {
                out[n++] = maxId[i];
            }
        }
        int[] ids = Arrays.copyOf(out, n);
        Arrays.sort(ids);
        return ids;
    }

    private static long mix(int t, long h, long l) {
        long x = h ^ Long.rotateLeft(l, 29) ^ (t * 0x9E3779B97F4A7C15L);
        x ^= x >>> 31;
        return x * 0xBF58476D1CE4E5B9L ^ (x >>> 27);
    }

    private void grow() {
        int[] oldTenant = tenant;
        long[] oldHi = hi;
        long[] oldLo = lo;
        int[] oldMax = maxId;
        boolean[] oldDelete = maxIsDelete;
        boolean[] oldUsed = used;
        allocate(used.length * 2);
        int mask = used.length - 1;
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                int slot = (int) mix(oldTenant[i], oldHi[i], oldLo[i]) & mask;
                while (used[slot]) {
                    slot = (slot + 1) & mask;
                }
                used[slot] = true;
                tenant[slot] = oldTenant[i];
                hi[slot] = oldHi[i];
                lo[slot] = oldLo[i];
                maxId[slot] = oldMax[i];
                maxIsDelete[slot] = oldDelete[i];
            }
        }
    }

    private void allocate(int capacity) {
        tenant = new int[capacity];
        hi = new long[capacity];
        lo = new long[capacity];
        maxId = new int[capacity];
        maxIsDelete = new boolean[capacity];
        used = new boolean[capacity];
    }
}
