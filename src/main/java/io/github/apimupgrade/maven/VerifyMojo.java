package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/**
 * Post-flight; changes nothing in the deployment.
 * <p>Schemas: for every configured database (WSO2AM_DB, the registry, a separate user store and config registry) it loads
 * the new pack's own <code>dbscripts</code> (<code>apimgt/&lt;dialect&gt;.sql</code> for WSO2AM_DB,
 * <code>&lt;dialect&gt;.sql</code> for the others; or <code>apim.verify.dbscripts</code>) into a scratch schema of the same
 * dialect (H2 in memory, a PostgreSQL schema, a MySQL database; dropped afterwards; its session holds a lock named after
 * it, and the scratch schemas of killed verify runs, whose locks are gone, are dropped first) and compares the whole
 * catalog, fact by fact: tables; each column's type, width, nullability, default and position; primary, unique and
 * foreign keys with their names and rules; every other index with its columns, order, uniqueness and name; sequences,
 * views, triggers, routines and (PostgreSQL) extensions. A difference is EXPLAINED only where
 * <code>apim-data/verify/expected-deltas.tsv</code> states exactly that fact with both values and the reason; a documented
 * fact with another value, or any other difference, is UNEXPLAINED and fails the build. An entry no database matched is
 * reported as stale. The differences WSO2's identity migration makes or leaves (the tables and objects of
 * <code>identity-differences.properties</code>) count only once it is done (migrate-identity's state says finished, or the
 * tables it creates are there): otherwise they are IDENTITY_NOT_DONE and fail the build, unless
 * <code>apim.verify.acceptIdentityNotMigrated=true</code>, which lists them as ACCEPTED and the report shows. The log and
 * <code>verify.json</code> give the count per database pair. The analytics database, where one is configured: its
 * ApiLastAccessSummary against the table Analytics 3.1.0 creates (so a skipped migrate-analytics fails).</p>
 * <p>Row counts: it counts the rows of every table of the newest complete backup set of <code>apim.env</code> taken while
 * WSO2AM_DB was still at 3.0.0 and compares them with its manifest. A count may change only where a goal is meant to
 * change it (<code>apim-data/verify/row-count-changes.properties</code>): REG_LOG, the registry versioning clean-up's
 * tables and IDN_OAUTH2_SCOPE_BINDING may lose exactly the rows the step that deletes from them recorded, before its
 * first delete, it would not keep (in <code>APIM_UPGRADE_KEPT_ROWS</code> of that database), and gain rows added since;
 * the tables WSO2's
 * identity migration adds rows to may not lose any; IDN_OIDC_SCOPE is gone;
 * any other change, or a table gone that the path does not drop, fails the build. Without such a set it warns and compares nothing.</p>
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
