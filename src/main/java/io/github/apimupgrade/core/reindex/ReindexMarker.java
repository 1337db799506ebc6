package io.github.apimupgrade.core.reindex;

import io.github.apimupgrade.core.config.DeploymentToml;
import io.github.apimupgrade.core.files.AtomicWrite;
import io.github.apimupgrade.core.path.StepContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The work directory's note that the server has indexed (or has begun to) under the current
 * {@code [indexing] re_indexing} value, runbook Steps 2.6.5-2.6.6: written unverified before the
 * goal's own server run starts, or by {@code apim.reindex.finish} after a run by hand; verified once
 * the index was proven to find every tenant's APIs. After it, a re-run neither places the tenant
 * loader again nor moves away the {@code solr} index 3.1.0 is building.
 */
final class ReindexMarker {
    record Indexed(long reIndexing, boolean verified) {
    }

    private ReindexMarker() {
    }

    static Path file(StepContext context) {
        return context.settings().workDir().resolve("reindex").resolve(context.settings().env() + "-indexed.properties");
    }

    static Optional<Indexed> read(StepContext context) {
        Path f = file(context);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
            return Optional.of(new Indexed(Long.parseLong(p.getProperty("re_indexing", "-1")), Boolean.parseBoolean(p.getProperty("verified"))));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The {@code re_indexing} value of the new home's deployment.toml now, if there is one. */
    static Optional<Long> current(StepContext context) {
        return ReIndexingStep.toml(context).filter(Files::isRegularFile).map(t -> ReIndexingStep.current(DeploymentToml.read(t)));
    }

    /** The server has indexed under the current re_indexing value. */
    static Optional<Indexed> covering(StepContext context) {
        Optional<Long> now = current(context);
        return read(context).filter(i -> now.isPresent() && i.reIndexing() == now.get());
    }

    static void write(StepContext context, long reIndexing, boolean verified) {
        Path f = file(context);
        Properties p = new Properties();
        p.setProperty("re_indexing", Long.toString(reIndexing));
        p.setProperty("verified", Boolean.toString(verified));
        AtomicWrite.properties(f, p, verified ? "indexed by apim:reindex's server run; the index found every tenant's APIs"
                : "indexed by a server run by hand (apim.reindex.finish)");
    }
}
