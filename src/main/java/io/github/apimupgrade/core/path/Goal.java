package io.github.apimupgrade.core.path;

/** The goals of the upgrade, in lifecycle order; each step belongs to one. */
public enum Goal {
    CHECK("check"),
    PLAN("plan"),
    STATUS("status"),
    BACKUP("backup"),
    MIGRATE_CONFIG("migrate-config"),
    MIGRATE_DB("migrate-db"),
    MIGRATE_IDENTITY("migrate-identity"),
    MIGRATE_ANALYTICS("migrate-analytics"),
    REINDEX("reindex"),
    VERIFY("verify"),
    START("start"),
    RESTORE("restore");

    private final String id;

    Goal(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static java.util.Optional<Goal> byId(String id) {
        return java.util.Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst();
    }
}
