package io.github.apimupgrade.maven;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Maven glue: descriptor, injection, skip flags and the mapping of core failures. */
@MojoTest
class MojoWiringTest {
    private static final String POM = "src/test/resources/unit/basic/pom.xml";

    @Test
    @InjectMojo(goal = "migrate-db", pom = POM)
    @MojoParameter(name = "skip", value = "true")
    void apimSkipSkipsBeforeAnythingIsResolved(MigrateDbMojo mojo) {
        assertDoesNotThrow(mojo::execute);
    }

    @Test
    @InjectMojo(goal = "migrate-db", pom = POM)
    @MojoParameter(name = "properties", value = "")
    void goalSkipFlagSkipsOnlyThatGoal(MigrateDbMojo mojo) {
        mojo.properties.put("apim.migrate-db.skip", "true");
        assertDoesNotThrow(mojo::execute);
        mojo.properties.put("apim.migrate-db.skip", "false");
        assertThrows(MojoFailureException.class, mojo::execute);
    }

    @Test
    @InjectMojo(goal = "migrate-db", pom = POM)
    void unknownServerIdIsAUserError(MigrateDbMojo mojo) {
        mojo.properties.put("apim.db.apim.url", "jdbc:postgresql://127.0.0.1:5432/not_used");
        mojo.properties.put("apim.db.apim.serverId", "no-such-server");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("No <server> with id 'no-such-server'"), e.getMessage());
        assertTrue(e.getMessage().contains("apim.db.apim.serverId"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "plan", pom = POM)
    void missingDatabaseConfigurationNamesTheProperty(PlanMojo mojo) {
        mojo.properties.clear();
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("apim.db.apim.url"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "migrate-db", pom = POM)
    void badNodeRoleListsTheChoices(MigrateDbMojo mojo) {
        mojo.properties.put("apim.nodeRole", "router");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("gateway"), e.getMessage());
    }
}
