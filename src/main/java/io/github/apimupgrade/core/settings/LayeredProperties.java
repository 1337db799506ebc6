package io.github.apimupgrade.core.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Settings looked up through layers in a fixed order of precedence: the first layer that holds a
 * non-blank value wins. Knowing the layer lets error messages say where a wrong value came from.
 */
public final class LayeredProperties {
    private final List<PropertyLayer> layers;

    public LayeredProperties(List<PropertyLayer> layers) {
        this.layers = List.copyOf(layers);
    }

    public Optional<String> get(String key) {
        return find(key).map(Found::value);
    }

    public String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public Optional<Found> find(String key) {
        for (PropertyLayer layer : layers) {
            String v = layer.values().get(key);
            if (v != null && !v.isBlank()) {
                return Optional.of(new Found(v.trim(), layer.name()));
            }
        }
        return Optional.empty();
    }

    public boolean flag(String key, boolean defaultValue) {
        Optional<Found> found = find(key);
        if (found.isEmpty()) {
            return defaultValue;
        }
        String v = found.get().value().toLowerCase();
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ConfigurationException("Property '" + key + "' must be true or false, but " + found.get().layer()
                + " sets it to '" + found.get().value() + "'.");
    }

    public LayeredProperties withLayerAt(int index, PropertyLayer layer) {
        List<PropertyLayer> copy = new ArrayList<>(layers);
        copy.add(index, layer);
        return new LayeredProperties(copy);
    }

    public List<PropertyLayer> layers() {
        return layers;
    }

    /** A value and the layer it came from. */
    public record Found(String value, String layer) {
    }
}
