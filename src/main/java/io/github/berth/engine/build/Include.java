package io.github.berth.engine.build;

/**
 * A {@code # %include PATH} line of a Dockerfile.
 *
 * @param path the path as written, relative to the project root; a trailing {@code /} marks a directory
 * @param line the line of the Dockerfile it stands on, counted from 1
 */
public record Include(String path, int line) {}
