package io.github.apimupgrade.core.migrateconfig;

import io.github.apimupgrade.core.files.NodeRoles;
import io.github.apimupgrade.core.files.SecureVault;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.NodeRole;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runbook Step 2.4 "If you have enabled Secure Vault": ciphertext of the old home is never copied.
 * While the old home uses secure vault and the new home's cipher-text.properties does not yet hold
 * the same aliases, the run stops and says what to do; once ciphertool has been run on the new home,
 * the step is done. Changes nothing itself.
 */
final class SecureVaultStep implements Step {
    private final SecureVault.Usage old;
    private final Path newHome;

    SecureVaultStep(SecureVault.Usage old, Path newHome) {
        this.old = old;
        this.newHome = newHome;
    }

    @Override public String id() { return "secure-vault"; }
    @Override public Goal goal() { return Goal.MIGRATE_CONFIG; }
    @Override public Set<NodeRole> roles() { return NodeRoles.EVERY_NODE; }
    @Override public String summary() { return "Check that secure vault is set up again in the new home (ciphertext is never copied)"; }
    @Override public String provenance() { return "runbook Step 2.4, 'If you have enabled Secure Vault'"; }

    @Override
    public Probe probe(StepContext context) {
        if (!old.inUse()) {
            return Probe.notApplicable("the old home does not use secure vault");
        }
        Set<String> missing = new TreeSet<>(old.aliases());
        missing.removeAll(SecureVault.encryptedAliases(newHome));
        if (missing.isEmpty()) {
            return Probe.done("the new home's " + SecureVault.CIPHER_TEXT + " holds every alias of the old home");
        }
        return Probe.blocked("the old home uses secure vault (" + String.join("; ", old.evidence()) + ") and the new home's "
                + SecureVault.CIPHER_TEXT + " lacks " + missing + ". Ciphertext is bound to the old home and is not copied: "
                + "add the passwords under [secrets] in " + newHome.resolve("repository/conf/deployment.toml")
                + " (alias = \"[password]\"), run 'sh bin/ciphertool.sh -Dconfigure' in the new home, then run migrate-config again");
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        return List.of();
    }

    @Override
    public void apply(StepContext context) {
        // never APPLICABLE
    }

    @Override
    public Verification verify(StepContext context) {
        return Verification.ok("secure vault checked");
    }
}
