import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Build step (generate-sources, run by the JDK's source launcher): turns the settings list
 * src/main/resources/apim-settings.tsv into SettingsParameters.java, the Mojos' documented {@code @Parameter}
 * fields, so that help:describe, the IDE and the generated plugin reference show every setting the core reads
 * from the same list. A family (apim.db.<key>.url) cannot be one parameter: it is listed under "properties".
 *   java src/build/GenerateSettingsParameters.java <settings.tsv> <generated sources root>
 */
public class GenerateSettingsParameters {
    record Setting(String name, String type, String defaultValue, String choices, String text) {
        boolean family() {
            return name.contains("<");
        }

        boolean testOnly() {
            return name.startsWith("apim.fault.");
        }

        String field() {
            StringBuilder b = new StringBuilder();
            boolean upper = false;
            for (char c : name.substring("apim.".length()).toCharArray()) {
                if (c == '.' || c == '-') {
                    upper = true;
                } else {
                    b.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            return b.toString();
        }

        String facts() {
            return "Type: " + type + (choices.isEmpty() ? "" : " (" + choices.replace(",", ", ") + ")")
                    + ". Default: " + (defaultValue.isEmpty() ? "none" : defaultValue) + ".";
        }
    }

    public static void main(String[] args) throws IOException {
        List<Setting> settings = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            if (c.length != 5) {
                throw new IllegalArgumentException("Not five tab-separated columns: " + line);
            }
            settings.add(new Setting(c[0], c[1], dash(c[2]), dash(c[3]), c[4]));
        }
        StringBuilder out = new StringBuilder();
        out.append("package io.github.apimupgrade.maven;\n\n")
                .append("import org.apache.maven.plugin.AbstractMojo;\n")
                .append("import org.apache.maven.plugins.annotations.Parameter;\n\n")
                .append("import java.util.HashMap;\n")
                .append("import java.util.Map;\n\n")
                .append("/** Generated from apim-settings.tsv by src/build/GenerateSettingsParameters.java: edit those, not this. */\n")
                .append("abstract class SettingsParameters extends AbstractMojo {\n");
        StringBuilder families = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (Setting s : settings) {
            if (s.testOnly()) {
                continue;
            }
            if (s.family()) {
                families.append("     * <li><code>").append(html(s.name())).append("</code>: ").append(html(s.text())).append(' ')
                        .append(html(s.facts())).append("</li>\n");
                continue;
            }
            out.append("    /**\n     * ").append(html(s.text())).append(' ').append(html(s.facts())).append("\n     */\n")
                    .append("    @Parameter(property = \"").append(s.name()).append("\")\n")
                    .append("    String ").append(s.field()).append(";\n\n");
            values.append("        put(values, \"").append(s.name()).append("\", ").append(s.field()).append(");\n");
        }
        out.append("    /**\n     * Any apim.* setting by name (lowest precedence, above the old deployment.toml and the defaults),\n")
                .append("     * and the only way to give the settings that are families of names:\n     * <ul>\n").append(families)
                .append("     * </ul>\n     */\n    @Parameter\n    Map<String, String> properties = new HashMap<>();\n\n")
                .append("    /** The settings given as parameters, by name, with {@code properties} under them. */\n")
                .append("    Map<String, String> parameterValues() {\n")
                .append("        Map<String, String> values = new HashMap<>(properties == null ? Map.of() : properties);\n")
                .append(values)
                .append("        return values;\n    }\n\n")
                .append("    private static void put(Map<String, String> values, String name, String value) {\n")
                .append("        if (value != null) {\n            values.put(name, value);\n        }\n    }\n}\n");
        Path target = Path.of(args[1], "io/github/apimupgrade/maven/SettingsParameters.java");
        Files.createDirectories(target.getParent());
        Files.writeString(target, out, StandardCharsets.UTF_8);
    }

    private static String dash(String s) {
        return s.equals("-") ? "" : s;
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;").replace("@", "&#64;");
    }
}
