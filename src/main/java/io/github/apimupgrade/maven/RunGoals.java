package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.path.UpgradePath;

import java.util.ArrayList;
import java.util.List;

/**
 * The plugin's goals a {@code mvn} invocation runs, in order, from its tasks: a phase of the {@code apim}
 * lifecycle ({@code apim-migrate-db} runs check and every phase up to it) or a goal ({@code apim:plan},
 * {@code io.github.apimupgrade:apim-maven-plugin:0.1.0:backup}). Other tasks (clean, a default-lifecycle
 * phase) contribute nothing.
 */
final class RunGoals {
    static final String LIFECYCLE_PREFIX = "apim-";

    private RunGoals() {
    }

    static List<String> of(List<String> tasks, UpgradePath path) {
        List<String> phases = path.phases();
        List<String> out = new ArrayList<>();
        for (String task : tasks) {
            if (task.startsWith(LIFECYCLE_PREFIX) && phases.contains(task.substring(LIFECYCLE_PREFIX.length()))) {
                for (String g : phases.subList(0, phases.indexOf(task.substring(LIFECYCLE_PREFIX.length())) + 1)) {
                    if (!out.contains(g)) {
                        out.add(g);
                    }
                }
            } else if (task.startsWith("apim:") || task.contains(":apim-maven-plugin:")) {
                String goal = task.substring(task.lastIndexOf(':') + 1);
                if (!out.contains(goal)) {
                    out.add(goal);
                }
            }
        }
        return out;
    }
}
