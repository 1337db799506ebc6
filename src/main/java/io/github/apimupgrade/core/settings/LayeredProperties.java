package io.github.apimupgrade.core.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Settings looked up through layers in a fixed order of precedence: the first layer that holds a
 * key wins. A blank value clears the key for every layer below it (so {@code -Dapim.x=} can undo a
 * profile's value). Knowing the layer lets error messages and plans say where a value came from.
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
        if (key.startsWith("apim.") && Options.of(key).isEmpty()) {
            throw new IllegalArgumentException("The code reads '" + key + "', which is not in " + Options.RESOURCE
                    + ": add it there, with its type, default and meaning");
        }
        for (int i = 0; i < layers.size(); i++) {
            String v = layers.get(i).values().get(key);
            if (v != null) {
                return v.isBlank() ? Optional.empty() : Optional.of(new Found(v.trim(), layers.get(i).name(), i));
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

    public int positive(String key, int defaultValue) {
        Optional<Found> found = find(key);
        if (found.isEmpty()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(found.get().value());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationException("Property '" + key + "' must be a positive whole number, but " + found.get().layer()
                + " sets it to '" + found.get().value() + "'.");
    }

    public LayeredProperties withLayerAt(int index, PropertyLayer layer) {
        List<PropertyLayer> copy = new ArrayList<>(layers);
        copy.add(index, layer);
        return new LayeredProperties(copy);
    }

    /** A copy with {@code layer} below every other layer. */
    public LayeredProperties withLowestLayer(PropertyLayer layer) {
        return withLayerAt(layers.size(), layer);
    }

    public List<PropertyLayer> layers() {
        return layers;
    }

    /** A value, the layer it came from and that layer's rank (0 is the highest). */
    public record Found(String value, String layer, int rank) {
    }
}
