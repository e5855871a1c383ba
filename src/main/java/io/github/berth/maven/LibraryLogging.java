package io.github.berth.maven;

import java.util.Map;

/**
 * Keeps the libraries under Berth out of Maven's debug output. At DEBUG, docker-java prints every command with its
 * fields and the HTTP client prints request bodies and headers: a service's environment, a registry password in the
 * {@code X-Registry-Auth} header. docker-java also logs, at ERROR, every failure that Berth goes on to report in its own
 * words. Maven's logger reads a logger's level from system properties when the logger is made, which happens when
 * those libraries load, after the first Berth goal starts. A level the user set stays as set.
 */
final class LibraryLogging {

    private static final String LEVEL_PREFIX = "org.slf4j.simpleLogger.log.";

    private static final Map<String, String> LEVELS = Map.of(
            "com.github.dockerjava", "info",
            "com.github.dockerjava.api.async.ResultCallbackTemplate", "off",
            "org.apache.hc", "warn");

    private LibraryLogging() {}

    static void quieten() {
        LEVELS.forEach((logger, level) -> {
            String property = LEVEL_PREFIX + logger;
            if (System.getProperty(property) == null) {
                System.setProperty(property, level);
            }
        });
    }
}
