package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.server.StartGoal;
import io.github.apimupgrade.core.settings.LayeredProperties;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;
import java.util.Optional;

/**
 * {@code apim:start}: runbook Step 4, see {@link StartGoal}. In the {@code apim} lifecycle (phase
 * {@code apim-start}, after {@code apim-verify}) it runs only with {@code -Dapim.start=true};
 * {@code mvn apim:start} always runs it.
 */
@Mojo(name = "start", requiresProject = false, threadSafe = true)
public class StartMojo extends AbstractApimMojo {
    static final String SWITCH = "apim.start";

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

    @Inject
    public StartMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goalName() {
        return "start";
    }

    @Override
    protected Optional<String> skipReason(LayeredProperties layers) {
        boolean lifecycle = mojoExecution != null && mojoExecution.getSource() == MojoExecution.Source.LIFECYCLE;
        return lifecycle && !layers.flag(SWITCH, false)
                ? Optional.of("Skipping apim:start: in the apim lifecycle it starts the 3.1.0 node only with -D" + SWITCH
                + "=true (mvn apim:start always does).")
                : Optional.empty();
    }

    @Override
    protected boolean usesDatabases() {
        return false;
    }

    @Override
    protected void run(StepContext context) {
        new StartGoal(context, credentials()).run();
    }
}
