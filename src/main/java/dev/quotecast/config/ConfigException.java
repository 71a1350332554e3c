package dev.quotecast.config;

/** A configuration error that names the file, the line and the key. */
public final class ConfigException extends RuntimeException {
    private final String key;
    private final int line;

    public ConfigException(String file, int line, String key, String message) {
        super((file == null ? "config" : file) + (line > 0 ? ":" + line : "") + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + message);
        this.key = key;
        this.line = line;
    }

    public String key() {
        return key;
    }

    public int line() {
        return line;
    }
}
