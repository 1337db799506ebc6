package io.github.apimupgrade.core.analytics;

import io.github.apimupgrade.core.path.StepContext;

import java.nio.file.Path;
import java.util.Optional;

/** {@code apim.analyticsHome}: the WSO2 API-M Analytics 3.1.0 home. */
final class AnalyticsHome {
    static final String PROPERTY = "apim.analyticsHome";

    private AnalyticsHome() {
    }

    static Optional<Path> of(StepContext context) {
        return context.settings().properties().get(PROPERTY).map(p -> Path.of(p).toAbsolutePath().normalize());
    }
}
