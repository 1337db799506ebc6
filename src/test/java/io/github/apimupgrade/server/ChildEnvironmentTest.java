package io.github.apimupgrade.server;

import io.github.apimupgrade.core.server.ServerProcess;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A server the plugin starts never sees Maven's command line, where -D passwords are. */
class ChildEnvironmentTest {
    @Test
    void mavensVariablesAreLeftOutAndTheCommandsOwnAdded() {
        Map<String, String> inherited = Map.of("PATH", "/usr/bin", "JAVA_HOME", "/opt/jdk",
                "MAVEN_CMD_LINE_ARGS", " apim-verify -Dapim.db.apim.password=Pw-In-Args", "MAVEN_OPTS", "-Dapim.db.apim.password=x",
                "MAVEN_PROJECTBASEDIR", "/work/project");
        assertEquals(Map.of("PATH", "/usr/bin", "JAVA_HOME", "/opt/jdk", "JAVA_OPTS", "-Xmx2g"),
                ServerProcess.childEnvironment(inherited, Map.of("JAVA_OPTS", "-Xmx2g")));
    }
}
