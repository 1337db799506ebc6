package io.github.apimupgrade.core.files;

import io.github.apimupgrade.core.ApimException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secure vault use in a home: {@code $secret{alias}} references in deployment.toml and encrypted
 * entries in {@code repository/conf/security/cipher-text.properties}. Ciphertext is bound to the
 * home's keystore and to its config model, so it is never copied: the operator re-runs
 * {@code ciphertool.sh -Dconfigure} on the new home.
 */
public final class SecureVault {
    public static final String CIPHER_TEXT = "repository/conf/security/cipher-text.properties";
    private static final Pattern REF = Pattern.compile("\\$secret\\{([^}]*)}");

    private SecureVault() {
    }

    /** What a home uses of secure vault: the aliases and where they were seen. */
    public record Usage(Set<String> aliases, List<String> evidence) {
        public boolean inUse() {
            return !evidence.isEmpty();
        }
    }

    public static Usage detect(Path home, String deploymentTomlText) {
        Set<String> aliases = new TreeSet<>();
        List<String> evidence = new ArrayList<>();
        Matcher m = REF.matcher(deploymentTomlText == null ? "" : deploymentTomlText);
        boolean refs = false;
        while (m.find()) {
            aliases.add(m.group(1));
            refs = true;
        }
        if (refs) {
            evidence.add("$secret{} references in repository/conf/deployment.toml");
        }
        Properties cipher = cipherText(home);
        if (!cipher.isEmpty()) {
            aliases.addAll(cipher.stringPropertyNames());
            evidence.add(CIPHER_TEXT + " holds " + cipher.size() + " encrypted value(s)");
        }
        return new Usage(aliases, evidence);
    }

    /** The aliases that the home's cipher-text.properties defines (with a non-empty value). */
    public static Set<String> encryptedAliases(Path home) {
        Properties p = cipherText(home);
        Set<String> out = new TreeSet<>();
        for (String k : p.stringPropertyNames()) {
            if (!p.getProperty(k).isBlank()) {
                out.add(k);
            }
        }
        return out;
    }

    private static Properties cipherText(Path home) {
        Properties p = new Properties();
        Path file = home.resolve(CIPHER_TEXT);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                p.load(r);
            } catch (IOException e) {
                throw new ApimException("Cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return p;
    }
}
