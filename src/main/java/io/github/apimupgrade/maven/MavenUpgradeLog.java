package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.UpgradeLog;
import org.apache.maven.plugin.logging.Log;

/** The core's log written to the Maven build log. */
final class MavenUpgradeLog implements UpgradeLog {
    private final Log log;

    MavenUpgradeLog(Log log) {
        this.log = log;
    }

    @Override public void info(String message) { log.info(message); }
    @Override public void warn(String message) { log.warn(message); }
    @Override public void debug(String message) { log.debug(message); }
    @Override public void error(String message) { log.error(message); }

    @Override
    public void output(String document) {
        System.out.println(document);
    }
}
