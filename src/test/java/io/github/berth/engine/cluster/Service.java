package io.github.berth.engine.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds service definitions for tests, with only what a test cares about set. */
final class Service {

    private final String name;
    private final String image;
    private final Map<String, String> env = new LinkedHashMap<>();
    private List<String> command = List.of();
    private final List<PortSpec> ports = new ArrayList<>();
    private final List<VolumeSpec> volumes = new ArrayList<>();
    private final List<String> aliases = new ArrayList<>();
    private long memoryBytes;
    private final List<Dependency> dependsOn = new ArrayList<>();
    private final List<ReadinessCheck> readiness = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private boolean snapshot;

    private Service(String name, String image) {
        this.name = name;
        this.image = image;
    }

    static Service of(String name, String image) {
        return new Service(name, image);
    }

    Service command(String... words) {
        command = List.of(words);
        return this;
    }

    Service ports(PortSpec... published) {
        ports.addAll(List.of(published));
        return this;
    }

    Service volumes(VolumeSpec... mounts) {
        volumes.addAll(List.of(mounts));
        return this;
    }

    Service aliases(String... names) {
        aliases.addAll(List.of(names));
        return this;
    }

    Service env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Service memory(long bytes) {
        memoryBytes = bytes;
        return this;
    }

    Service dependsOn(Dependency... dependencies) {
        dependsOn.addAll(List.of(dependencies));
        return this;
    }

    Service label(String name, String value) {
        labels.put(name, value);
        return this;
    }

    Service snapshot() {
        snapshot = true;
        return this;
    }

    Service readiness(ReadinessCheck... checks) {
        readiness.addAll(List.of(checks));
        return this;
    }

    ServiceSpec build() {
        return new ServiceSpec(
                name,
                image,
                env,
                command,
                List.of(),
                ports,
                volumes,
                aliases,
                labels,
                null,
                null,
                memoryBytes,
                dependsOn,
                readiness,
                snapshot);
    }
}
