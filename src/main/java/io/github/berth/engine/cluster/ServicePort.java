package io.github.berth.engine.cluster;

/**
 * A container port and the host port it is published on.
 *
 * @param containerPort the port inside the container
 * @param hostPort the port on the host
 */
public record ServicePort(int containerPort, int hostPort) {}
