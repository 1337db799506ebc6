package io.github.apimupgrade.core.settings;

import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An environment's settings file ({@code apim.configFile}): Java properties, or TOML whose dotted keys
 * are the property names ({@code [apim.db.apim] url = "..."}). {@code ${env.NAME}} is replaced from
 * the environment so that secrets stay out of the file.
 */
public final class ConfigFile {
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{env\\.([A-Za-z0-9_]+)}");

    private ConfigFile() {
    }

    public static PropertyLayer load(Path file, UnaryOperator<String> env) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("Property 'apim.configFile' points at " + file + ", which does not exist.");
        }
        Map<String, String> raw = file.getFileName().toString().endsWith(".toml") ? toml(file) : properties(file);
        Map<String, String> values = new LinkedHashMap<>();
        raw.forEach((k, v) -> values.put(k, interpolate(file, k, v, env)));
        return new PropertyLayer("config file " + file.getFileName(), values);
    }

    private static Map<String, String> properties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("Cannot read the config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    private static Map<String, String> toml(Path file) {
        TomlParseResult toml;
        try {
            toml = Toml.parse(file);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the config file " + file + ": " + e.getMessage(), e);
        }
        if (toml.hasErrors()) {
            throw new ConfigurationException("The config file " + file + " is not valid TOML: " + toml.errors().get(0));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : toml.dottedKeySet()) {
            Object v = toml.get(key);
            if (v != null && !(v instanceof org.tomlj.TomlTable)) {
                out.put(key, String.valueOf(v));
            }
        }
        return out;
    }

    private static String interpolate(Path file, String key, String value, UnaryOperator<String> env) {
        Matcher m = ENV_REF.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            if (v == null) {
                throw new ConfigurationException("The config file " + file + " sets '" + key + "' from the environment variable "
                        + m.group(1) + ", which is not set.");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
