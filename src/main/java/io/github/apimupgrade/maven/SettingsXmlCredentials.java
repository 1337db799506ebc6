package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.Secret;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.CredentialSource;
import io.github.apimupgrade.core.settings.Credentials;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import java.util.Optional;

/** Credentials from a settings.xml {@code <server>}, with encrypted passwords decrypted by Maven. */
final class SettingsXmlCredentials implements CredentialSource {
    private final Settings settings;
    private final SettingsDecrypter decrypter;

    SettingsXmlCredentials(Settings settings, SettingsDecrypter decrypter) {
        this.settings = settings;
        this.decrypter = decrypter;
    }

    @Override
    public Optional<Credentials> lookup(String serverId) {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            return Optional.empty();
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem p : result.getProblems()) {
            if (p.getSeverity() == SettingsProblem.Severity.ERROR || p.getSeverity() == SettingsProblem.Severity.FATAL) {
                throw new ConfigurationException("Cannot decrypt the password of settings.xml server '" + serverId
                        + "': " + p.getMessage() + ". Check ~/.m2/settings-security.xml (or -Dsettings.security).");
            }
        }
        Server decrypted = result.getServer();
        return Optional.of(new Credentials(decrypted.getUsername(), Secret.of(decrypted.getPassword())));
    }
}
