package io.github.apimupgrade.core.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WSO2 renders deployment.toml values into XML files (master-datasources.xml) without escaping them,
 * so operators write a JDBC URL's {@code &} as {@code &amp;} in deployment.toml. The value means the
 * decoded text; the file needs the encoded one.
 */
public final class XmlEntities {
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);");

    private XmlEntities() {
    }

    /** The text an XML parser reads from this value; a bare {@code &} that starts no entity stays as it is. */
    public static String decode(String value) {
        Matcher m = ENTITY.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String c = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> new String(Character.toChars(e.startsWith("#x")
                        ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1))));
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(c));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The value to write into deployment.toml so that the rendered XML holds {@code text}. */
    public static String encode(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
