package io.github.apimupgrade.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Installs {@link StandInServer} into a 3.1.0 home ({@code bin/wso2server.sh}) or an API-M
 * Analytics home ({@code bin/worker.sh}, {@code bin/dashboard.sh}): shell scripts that run it with
 * this JVM's java and the class path it needs. Used by the JUnit tests and the invoker ITs.
 */
public final class StandIns {
    /** The admin logins of the test deployments' three tenants (AM_API of the fixtures has one API in each). */
    public static final Map<String, String> USERS = Map.of("admin", "admin-pw-1", "admin@wso2.com", "wso2-admin-pw-2",
            "admin@acme.org", "acme-admin-pw-3");

    private StandIns() {
    }

    /** bin/wso2server.sh of a 3.1.0 home, and bin/stand-in.properties with the given settings and the test users. */
    public static void apim(Path home, Map<String, String> settings) {
        script(home, "wso2server.sh", "apim", "HOME_DIR/wso2carbon.pid");
        Properties p = new Properties();
        p.setProperty("users", USERS.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).sorted().collect(Collectors.joining(",")));
        p.putAll(settings);
        try (OutputStream out = Files.newOutputStream(home.resolve("bin/stand-in.properties"))) {
            p.store(out, "stand-in server settings (apim-maven-plugin tests)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** bin/worker.sh and bin/dashboard.sh of an API-M Analytics home. */
    public static void analytics(Path home) {
        script(home, "worker.sh", "worker", "HOME_DIR/wso2/worker/runtime.pid");
        script(home, "dashboard.sh", "dashboard", "HOME_DIR/wso2/dashboard/runtime.pid");
    }

    private static void script(Path home, String name, String mode, String pidFile) {
        String pid = pidFile.replace("HOME_DIR", "$HOME_DIR");
        String text = "#!/bin/sh\n"
                + "# Test stand-in for a WSO2 start script, written by apim-maven-plugin's tests: it runs StandInServer,\n"
                + "# which behaves like the 3.1.0 server where apim:start looks.\n"
                + "HOME_DIR=$(cd \"$(dirname \"$0\")/..\" && pwd)\n"
                + "if [ \"$1\" = stop ]; then kill \"$(cat \"" + pid + "\")\"; exit 0; fi\n"
                + "exec '" + java() + "' -Xmx96m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '" + classPath() + "' "
                + StandInServer.class.getName() + " " + mode + " \"$HOME_DIR\" \"$@\"\n";
        try {
            Path f = home.resolve("bin").resolve(name);
            Files.createDirectories(f.getParent());
            Files.writeString(f, text);
            f.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The stand-in's classes, the JDBC drivers, tomlj (with ANTLR) and snakeyaml-engine, wherever this JVM loaded them from. */
    public static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String c : List.of(StandInServer.class.getName(), "org.h2.Driver", "org.postgresql.Driver", "org.mariadb.jdbc.Driver",
                "com.mysql.cj.jdbc.Driver", "org.tomlj.Toml", "org.antlr.v4.runtime.CharStream", "org.snakeyaml.engine.v2.api.Load")) {
            try {
                Class<?> k = Class.forName(c, false, StandIns.class.getClassLoader());
                entries.add(Path.of(k.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (ClassNotFoundException | URISyntaxException e) {
                throw new IllegalStateException("the stand-in server needs " + c + " on the test class path", e);
            }
        }
        return String.join(":", entries);
    }

    /** The live processes whose command line mentions {@code dir} (a home, or an IT's folder), by pid. */
    public static Map<Long, String> processesUnder(Path dir) {
        String where = dir.toAbsolutePath().normalize().toString();
        Map<Long, String> out = new TreeMap<>();
        ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(h -> h.pid() != ProcessHandle.current().pid())
                .forEach(h -> h.info().commandLine().filter(c -> c.contains(where)).ifPresent(c -> out.put(h.pid(), c)));
        return out;
    }
}
