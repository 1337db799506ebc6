package io.github.apimupgrade.core.settings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every {@code apim.*} setting the plugin reads, with its type, default and meaning, from the one list
 * ({@value #RESOURCE}) that validation, the Mojos' generated parameters and so {@code apim:help} and the plugin
 * reference come from. A setting that is not here is refused, with the closest known name.
 */
public final class Options {
    /** The list, read from {@value #RESOURCE}; the build turns the same file into the Mojos' parameters. */
    public static final String RESOURCE = "apim-settings.tsv";
    public static final List<Option> ALL = load();

    private Options() {
    }

    private static List<Option> load() {
        List<Option> options = new ArrayList<>();
        try (InputStream in = Options.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the plugin's jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                if (c.length != 5) {
                    throw new IllegalStateException(RESOURCE + ": not five tab-separated columns: " + line);
                }
                options.add(new Option(c[0], Option.Type.valueOf(c[1].toUpperCase(Locale.ROOT)), none(c[2]), c[4],
                        c[3].equals("-") ? List.of() : Arrays.asList(c[3].split(","))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(options);
    }

    private static String none(String column) {
        return column.equals("-") ? null : column;
    }

    /** The option {@code key} is, if any. */
    public static Optional<Option> of(String key) {
        return ALL.stream().filter(o -> o.matches(key)).findFirst();
    }

    /**
     * Refuses settings that are not options (a typo silently ignored would let the run go on with another value)
     * and values of the wrong type, naming the layer that holds them.
     */
    public static void validate(LayeredProperties props) {
        List<String> problems = new ArrayList<>();
        for (PropertyLayer layer : props.layers()) {
            for (var e : layer.values().entrySet()) {
                String key = e.getKey();
                if (!key.startsWith("apim.")) {
                    continue;
                }
                Optional<Option> option = of(key);
                if (option.isEmpty()) {
                    problems.add("'" + key + "' (" + layer.name() + ") is not a setting of this plugin " + closest(key).map(
                            c -> "(did you mean '" + c + "'?)").orElse("(mvn apim:help -Ddetail lists the settings)"));
                    continue;
                }
                String value = e.getValue();
                String problem = value == null || value.isBlank() ? null : option.get().problem(value);
                if (problem != null) {
                    problems.add("'" + key + "' " + problem + ", but " + layer.name() + " sets it to '"
                            + (option.get().type() == Option.Type.SECRET ? "******" : value.trim()) + "'");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems) + ". Nothing was changed.");
        }
    }

    /** The known name closest to a mistyped one (families spelled with the mistyped key's own parts). */
    static Optional<String> closest(String key) {
        List<String> candidates = new ArrayList<>();
        String[] parts = key.split("\\.");
        for (Option o : ALL) {
            if (!o.isFamily()) {
                candidates.add(o.name());
                continue;
            }
            // a family's <part> is each value it allows, else what the key has at that place (apim.db.apim.ulr meets apim.db.apim.url)
            String part = o.name().substring(o.name().indexOf('<'), o.name().indexOf('>') + 1);
            int at = List.of(o.name().split("\\.")).indexOf(part);
            List<String> values = Option.PARTS.getOrDefault(part, List.of(at >= 0 && at < parts.length ? parts[at] : part));
            values.forEach(v -> candidates.add(o.name().replace(part, v)));
        }
        return candidates.stream().min(Comparator.comparingInt(c -> distance(c.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT))))
                .filter(c -> distance(c.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT)) <= Math.max(3, key.length() / 4));
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
