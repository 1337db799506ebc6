package io.github.apimupgrade.analytics;

import io.github.apimupgrade.core.config.YamlDocument;
import io.github.apimupgrade.core.settings.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The general YAML editor: get, set (existing and new key), remove a list item, diff; other bytes unchanged. */
class YamlDocumentTest {
    private static final String TEXT = "# head\nroot:\n  name: 'old' # keep me\n  list:\n    - id: a\n      v: 1\n    - id: b\n      v: 2\n  other: x\n";

    @Test
    void editsOnlyWhatItIsAskedTo() {
        YamlDocument d = YamlDocument.of(Path.of("t.yaml"), TEXT);
        assertEquals("old", d.get(List.of("root", "name")).orElseThrow());
        YamlDocument s = d.set(List.of("root", "name"), "new value");
        assertEquals(TEXT.replace("'old'", "'new value'"), s.text());
        YamlDocument added = s.set(List.of("root", "list", "[id=b]", "w"), "3");
        assertEquals("3", added.get(List.of("root", "list", "[id=b]", "w")).orElseThrow());
        assertEquals(TEXT.replace("'old'", "'new value'").replace("      v: 2\n", "      v: 2\n      w: '3'\n"), added.text());
        YamlDocument removed = d.removeListItem(List.of("root", "list", "[id=a]"));
        assertEquals(TEXT.replace("    - id: a\n      v: 1\n", ""), removed.text());
        assertEquals(List.of("-  name: 'old' # keep me", "+  name: 'new value' # keep me"), d.diff(s));
        assertThrows(ConfigurationException.class, () -> YamlDocument.of(Path.of("bad.yaml"), "a: [1\n"));
    }
}
