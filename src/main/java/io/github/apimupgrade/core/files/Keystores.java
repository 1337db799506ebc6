package io.github.apimupgrade.core.files;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.Secret;
import io.github.apimupgrade.core.settings.ConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The keystores of a home ({@code repository/resources/security}): which files they are, and
 * whether each opens with the password the deployment configures (runbook Step 2.4). A keystore
 * that does not open stops the run before anything is written.
 */
public final class Keystores {
    public static final String FOLDER = "repository/resources/security";
    /** WSO2's shipped default password of wso2carbon.jks and client-truststore.jks. */
    public static final String DEFAULT_PASSWORD = "wso2carbon";

    private Keystores() {
    }

    /**
     * One keystore the deployment configures: its deployment.toml table ({@code keystore.primary},
     * {@code keystore.tls}, {@code keystore.internal}, {@code truststore}), file, type and password.
     */
    public record Configured(String table, String fileName, String type, Secret password, String passwordSource) {
    }

    /** Keystore-like files of a security folder (jks, p12, pfx, jceks), sorted. */
    public static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> isKeystoreName(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new ApimException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    public static boolean isKeystoreName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".jks") || n.endsWith(".p12") || n.endsWith(".pfx") || n.endsWith(".jceks");
    }

    /** Opens the keystore with its password; a wrong password or a damaged file is a configuration error. */
    public static KeyStore open(Path file, String type, Secret password, String passwordSource) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("There is no keystore " + file + ", which the deployment configures. "
                    + "Put it back in the old home or fix the [keystore]/[truststore] settings.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(type == null || type.isBlank() ? "JKS" : type);
            ks.load(in, password.reveal().toCharArray());
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException("Cannot open the keystore " + file + " (type " + (type == null ? "JKS" : type)
                    + ") with the password from " + passwordSource + ": " + e.getMessage()
                    + ". Set the right password (see apim.keystore.* in the README); nothing was changed.", e);
        }
    }

    /**
     * Checks a keystore the deployment does not configure, without its password: a JKS or JCEKS file
     * must load (their format allows reading without a password), a PKCS#12 file must be DER.
     */
    public static void openUnverified(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String type = n.endsWith(".jks") ? "JKS" : n.endsWith(".jceks") ? "JCEKS" : "PKCS12";
        try (InputStream in = Files.newInputStream(file)) {
            if (type.equals("PKCS12")) {
                if (in.read() != 0x30) {
                    throw new IOException("not a PKCS#12 (DER) file");
                }
                return;
            }
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, null);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException("Cannot read the keystore " + file + " (" + type + "): " + e.getMessage()
                    + ". Repair or remove it in the old home; nothing was changed.", e);
        }
    }
}
