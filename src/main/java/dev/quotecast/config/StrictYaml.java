package dev.quotecast.config;

import java.io.Reader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;

/**
 * How Quotecast reads the YAML people write (the config, transcript sidecars, {@code show.yml}):
 * as a node tree, never as objects, refusing a duplicate key (a second {@code index:} block would
 * otherwise silently replace the first) and bounding aliases and size, so that a hostile file
 * cannot make the parser expand it without end.
 */
public final class StrictYaml {

    private StrictYaml() {}

    /** The document's root node; null for an empty one. Throws SnakeYAML's own exceptions, which carry the line. */
    public static Node compose(Reader yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1 << 20);
        return new Yaml(options).compose(yaml);
    }
}
