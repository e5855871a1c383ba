package io.github.berth.engine;

/**
 * A failure of the environment Berth works in: the engine, the network, the file system. The message says what failed
 * and on what.
 */
public class BerthException extends RuntimeException {

    public BerthException(String message) {
        super(message);
    }

    public BerthException(String message, Throwable cause) {
        super(message, cause);
    }
}
