package io.github.apimupgrade.testing;

import io.github.apimupgrade.core.db.Dialect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The schemas of a WSO2 deployment's databases for tests: WSO2's own scripts in the conformance run
 * ({@code -Dapim.reference=../shared/reference/wso2}), else the project's fixtures, which hold fewer tables than
 * WSO2's scripts but each with the same shape: FixtureConformanceTest proves it in every conformance run.
 */
public final class Wso2Schemas {
    /** The schemas a deployment's databases can start from or be compared with. */
    public enum Schema {
        /** WSO2AM_DB of API-M 3.0.0 (carbon-apimgt 6.5.349). */
        AM_300("apimgt-3.0.0", "am-3.0.0"),
        /** WSO2AM_DB of API-M 3.1.0 (carbon-apimgt 6.6.163). */
        AM_310("apimgt-3.1.0", "am-3.1.0"),
        /** The registry and user store of API-M 3.0.0 (carbon-kernel 4.5.1). */
        REGISTRY_300("carbon-kernel-4.5.1", "registry"),
        /** The registry and user store of API-M 3.1.0 (carbon-kernel 4.6.0). */
        REGISTRY_310("carbon-kernel-4.6.0", "registry");

        final String referenceFolder;
        final String fixture;

        Schema(String referenceFolder, String fixture) {
            this.referenceFolder = referenceFolder;
            this.fixture = fixture;
        }
    }

    private Wso2Schemas() {
    }

    /** WSO2's reference files, when this is a conformance run. */
    public static Optional<Path> reference() {
        String p = System.getProperty("apim.reference");
        if (p == null || p.isBlank()) {
            return Optional.empty();
        }
        Path dir = Path.of(p.trim());
        if (!dir.isAbsolute()) {
            dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve(dir);
        }
        return Optional.of(dir.normalize());
    }

    /** The script that creates this schema on this dialect: WSO2's own in a conformance run, else the fixture. */
    public static String script(Schema schema, Dialect dialect) {
        Optional<Path> ref = reference();
        if (ref.isPresent()) {
            Path file = ref.get().resolve(schema.referenceFolder).resolve(dialect.folder() + ".sql");
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + file + " (apim.reference)", e);
            }
        }
        return TestDatabase.read("fixtures/" + schema.fixture + "-" + dialect.folder() + ".sql");
    }

    /** Where the schema comes from, for test output. */
    public static String origin() {
        return reference().map(r -> "WSO2's scripts in " + r).orElse("the project's fixtures");
    }
}
