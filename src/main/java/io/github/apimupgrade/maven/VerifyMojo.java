package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/**
 * Post-flight; changes nothing in the deployment.
 * <p>Schemas: it loads the new pack's own <code>dbscripts</code> (<code>apimgt/&lt;dialect&gt;.sql</code> for WSO2AM_DB,
 * <code>&lt;dialect&gt;.sql</code> for the registry; or <code>apim.verify.dbscripts</code>) into a scratch schema of the same
 * dialect (H2 in memory, a PostgreSQL schema, a MySQL database; dropped afterwards; its session holds a lock named after
 * it, and the scratch schemas of killed verify runs, whose locks are gone, are dropped first) and compares every table
 * with the migrated database. Known differences are listed as EXPLAINED with the reason
 * (<code>apim-data/verify/known-differences.properties</code>); those of WSO2's identity migration
 * (<code>identity-differences.properties</code>) only once it is done (migrate-identity's state says finished, or the
 * tables it creates are there): otherwise they are IDENTITY_NOT_DONE and fail the build, unless
 * <code>apim.verify.acceptIdentityNotMigrated=true</code>, which lists them as ACCEPTED and the report shows. Any other
 * difference is UNEXPLAINED and fails the build.</p>
 * <p>Row counts: it counts the rows of every table of the newest complete backup set of <code>apim.env</code> taken while
 * WSO2AM_DB was still at 3.0.0 and compares them with its manifest. A count may change only where a goal is meant to
 * change it (<code>apim-data/verify/row-count-changes.properties</code>: REG_LOG fewer after reindex, the registry
 * versioning clean-up's tables fewer, empty scope bindings fewer, identity tables changed by the identity migration); any
 * other change, or a table that is gone, fails the build. Without such a set it warns and compares nothing.</p>
 * <p>New home: every <code>deployment.toml</code> key migrate-config wrote still holds that value (keys later goals own,
 * such as <code>[user_store] type</code> and <code>[indexing] re_indexing</code>, excepted) and every file it copied is in
 * place with the same SHA-256. Writes <code>verify.json</code> in the work directory.</p>
 */
@Mojo(name = "verify", requiresProject = false, threadSafe = true)
public class VerifyMojo extends AbstractApimMojo {
    @Inject
    public VerifyMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("verify", decrypter, repositorySystem);
    }
}
