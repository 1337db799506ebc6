package io.github.apimupgrade.core.registry;

import io.github.apimupgrade.core.settings.ConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the 3.0.0 deployment kept registry versions, read from {@code <staticConfiguration>} in
 * its {@code repository/conf/registry.xml}. 3.1.0 runs without versioning, so a registry that had
 * it on must be cleaned before 3.1.0 starts.
 */
public final class RegistryVersioning {
    static final List<String> FLAGS = List.of("versioningProperties", "versioningComments", "versioningTags",
            "versioningRatings");

    private RegistryVersioning() {
    }

    /** The flags that are on, or empty when registry.xml has no staticConfiguration to tell. */
    public static Optional<List<String>> enabledFlags(Path registryXml) {
        if (!Files.isRegularFile(registryXml)) {
            throw new ConfigurationException("There is no " + registryXml + " to tell whether registry versioning was on. "
                    + "Check 'apim.oldHome', or set 'apim.registry.disableVersioning' to true or false.");
        }
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(registryXml.toFile());
        } catch (Exception e) {
            throw new ConfigurationException("Cannot parse " + registryXml + ": " + e.getMessage()
                    + ". Fix the file, or set 'apim.registry.disableVersioning' to true or false.", e);
        }
        NodeList statics = doc.getElementsByTagName("staticConfiguration");
        if (statics.getLength() == 0) {
            return Optional.empty();
        }
        Element config = (Element) statics.item(0);
        List<String> on = new ArrayList<>();
        for (String flag : FLAGS) {
            NodeList n = config.getElementsByTagName(flag);
            if (n.getLength() > 0 && "true".equalsIgnoreCase(n.item(0).getTextContent().trim())) {
                on.add(flag);
            }
        }
        return Optional.of(on);
    }
}
