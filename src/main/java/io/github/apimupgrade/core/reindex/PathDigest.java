package io.github.apimupgrade.core.reindex;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 128-bit digest (the first half of SHA-256) of a path's comparison key, so that a group costs the
 * same memory whether its path has 20 or 750 characters. Not a security measure: a collision among
 * even a billion paths has a probability below 10^-20. NULL gets its own digest, distinct from ''.
 */
final class PathDigest {
    private final MessageDigest sha256;
    long hi;
    long lo;

    PathDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Digests {@code key}: a String, the bytes of a collation sort key, or null. */
    void of(Object key) {
        if (key == null) {
            sha256.update((byte) 0);
        } else {
            sha256.update((byte) 1);
            sha256.update(key instanceof byte[] b ? b : key.toString().getBytes(StandardCharsets.UTF_8));
        }
        ByteBuffer d = ByteBuffer.wrap(sha256.digest());
        hi = d.getLong();
        lo = d.getLong();
    }
}
