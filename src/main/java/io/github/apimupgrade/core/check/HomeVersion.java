package io.github.apimupgrade.core.check;

import io.github.apimupgrade.core.ApimUserException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API-M version of a WSO2 home, from its own files: {@code bin/version.txt}
 * ("WSO2 API Manager v3.1.0"), else the version of the carbon-apimgt bundle in
 * {@code repository/components/plugins} (6.5.x ships with 3.0.0, 6.6.x with 3.1.0).
 */
public final class HomeVersion {
    private static final Pattern VERSION_TXT = Pattern.compile("v?(\\d+\\.\\d+\\.\\d+)");
    private static final Pattern APIMGT_BUNDLE = Pattern.compile("org\\.wso2\\.carbon\\.apimgt\\.impl_(\\d+)\\.(\\d+)\\..*\\.jar");

    private HomeVersion() {
    }

    /**
     * Refuses a home whose own files name a version {@code wrong} accepts, saying which version the property must
     * point at (the 3.0.0 home given as apim.newHome would have its embedded databases, the way back, upgraded in place).
     */
    public static void refuse(Optional<Path> home, String property, String expected, Predicate<String> wrong) {
        Optional<String> version = home.flatMap(HomeVersion::of);
        if (version.isPresent() && wrong.test(version.get())) {
            throw new ApimUserException("'" + property + "' is " + home.get() + ", an API-M " + version.get() + " home by its own files, not "
                    + expected + ": set '" + property + "' to the API-M " + expected + " home. Nothing was changed.");
        }
    }

    public static Optional<String> of(Path home) {
        Path versionTxt = home.resolve("bin/version.txt");
        if (Files.isRegularFile(versionTxt)) {
            try {
                Matcher m = VERSION_TXT.matcher(Files.readString(versionTxt));
                if (m.find()) {
                    return Optional.of(m.group(1));
                }
            } catch (IOException ignored) {
                // fall through to the bundle version
            }
        }
        Path plugins = home.resolve("repository/components/plugins");
        if (Files.isDirectory(plugins)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(plugins, "org.wso2.carbon.apimgt.impl_*.jar")) {
                for (Path jar : jars) {
                    Matcher m = APIMGT_BUNDLE.matcher(jar.getFileName().toString());
                    if (m.matches() && m.group(1).equals("6")) {
                        if (m.group(2).equals("5")) {
                            return Optional.of("3.0.0");
                        }
                        if (m.group(2).equals("6")) {
                            return Optional.of("3.1.0");
                        }
                    }
                }
            } catch (IOException ignored) {
                // no version to tell
            }
        }
        return Optional.empty();
    }
}
