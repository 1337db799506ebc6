package io.github.apimupgrade.settings;

import io.github.apimupgrade.core.settings.Option;
import io.github.apimupgrade.core.settings.Options;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * apim-settings.tsv is the one list of settings: every name the code spells is in it, and every setting in it
 * is a documented parameter of every goal (so help:describe, apim:help and the IDE show it), with its text.
 */
class SettingsListTest {
    /** TOML tables of deployment.toml that the code writes; they share the apim. prefix but are not settings. */
    private static final Set<String> TOML_TABLES = Set.of("apim.analytics", "apim.key_manager");
    private static final Pattern LITERAL = Pattern.compile("\"(apim\\.[A-Za-z0-9_.<>-]*)\"");

    @Test
    void everySettingNameInTheCodeIsInTheList() throws Exception {
        List<String> missing = new ArrayList<>();
        int seen = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL.matcher(Files.readString(f));
                while (m.find()) {
                    String name = m.group(1);
                    seen++;
                    boolean known = name.endsWith(".")
                            ? Options.ALL.stream().anyMatch(o -> o.isFamily() && o.name().startsWith(name) || name.equals("apim."))
                            : Options.of(name).isPresent() || TOML_TABLES.contains(name);
                    if (!known) {
                        missing.add(name + " (" + f.getFileName() + ")");
                    }
                }
            }
        }
        assertTrue(seen > 60, "the scan found the settings the code reads: " + seen);
        assertEquals(List.of(), missing, "settings the code reads that are not in " + Options.RESOURCE);
    }

    @Test
    void readingASettingThatIsNotListedFailsLoudly() {
        var props = new io.github.apimupgrade.core.settings.LayeredProperties(List.of());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> props.get("apim.backup.directory"));
        assertTrue(e.getMessage().contains(Options.RESOURCE), e.getMessage());
    }

    @Test
    void everySettingIsADocumentedParameterOfEveryGoal() throws Exception {
        Path descriptor = Path.of(System.getProperty("apim.buildDir", "target"), "classes/META-INF/maven/plugin.xml");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(descriptor.toFile());
        NodeList mojos = doc.getElementsByTagName("mojo");
        Set<String> goals = new TreeSet<>();
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = text(mojo, "goal");
            if (goal.equals("help")) {
                continue;
            }
            goals.add(goal);
            String configuration = ((Element) mojo.getElementsByTagName("configuration").item(0)).getTextContent();
            NodeList parameters = mojo.getElementsByTagName("parameter");
            StringBuilder descriptions = new StringBuilder();
            for (int p = 0; p < parameters.getLength(); p++) {
                descriptions.append(text((Element) parameters.item(p), "description")).append('\n');
            }
            for (Option o : Options.ALL) {
                if (o.name().startsWith("apim.fault.")) {
                    continue; // test hooks: system properties, never a pom's
                }
                String documented = o.isFamily() ? o.name() : "";
                if (!o.isFamily()) {
                    assertTrue(configuration.contains("${" + o.name() + "}"), goal + " has no parameter for " + o.name());
                }
                assertTrue(descriptions.toString().contains(documented + (documented.isEmpty() ? "" : ": ") + o.description()),
                        goal + " does not document " + o.name());
            }
        }
        assertTrue(goals.containsAll(Set.of("check", "plan", "status", "backup", "migrate-config", "migrate-db", "migrate-identity",
                "migrate-analytics", "reindex", "verify", "start", "restore")), goals.toString());
    }

    private static String text(Element parent, String tag) {
        NodeList l = parent.getElementsByTagName(tag);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent();
    }
}
