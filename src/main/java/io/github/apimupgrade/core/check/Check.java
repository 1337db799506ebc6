package io.github.apimupgrade.core.check;

import io.github.apimupgrade.core.path.StepContext;

import java.util.List;

/** One pre-flight check. It reads; it never changes anything. */
@FunctionalInterface
public interface Check {
    List<Finding> run(StepContext context);
}
