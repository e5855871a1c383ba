package io.github.berth.engine;

/**
 * A mistake in what the user asked for: a Dockerfile, a builder, a cluster definition. The message names the file,
 * service or image, shows the bad value and says what to change.
 */
public class ConfigurationException extends BerthException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
