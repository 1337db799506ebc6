package io.github.apimupgrade.core.server;

import java.util.Comparator;

/** An API as AM_API and the REST APIs name it: name, version and provider (with '@', never '-AT-'). */
public record ApiId(String name, String version, String provider) implements Comparable<ApiId> {
    private static final Comparator<ApiId> ORDER = Comparator.comparing(ApiId::provider).thenComparing(ApiId::name)
            .thenComparing(ApiId::version);

    public ApiId {
        provider = provider.replace("-AT-", "@");
    }

    @Override
    public int compareTo(ApiId o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return name + " " + version + " (" + provider + ")";
    }
}
