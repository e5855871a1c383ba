package io.github.berth.maven;

import io.github.berth.engine.cluster.ClusterSpec;
import io.github.berth.engine.cluster.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code <cluster>} element of the POM. */
public class ClusterConfig {

    /** The cluster's name; defaults to the project's artifactId. */
    String name;

    /** How long the whole cluster may take to become ready, e.g. {@code 90s}; defaults to 120 s. */
    String deadline;

    /** The services, each a {@code <service>}. */
    List<ServiceConfig> services = new ArrayList<>();

    /** The cluster's name, or {@code defaultName} when the POM gives none. */
    String name(String defaultName) {
        return ConfigValues.isBlank(name) ? defaultName : name.trim();
    }

    /**
     * @throws ConfigurationException naming every mistake of the configuration, with its POM element
     */
    ClusterSpec toSpec(String defaultName, Path basedir) {
        Problems problems = new Problems();
        Duration clusterDeadline = ConfigValues.isBlank(deadline)
                ? ClusterSpec.DEFAULT_DEADLINE
                : problems.attempt(
                        () -> ConfigValues.duration(deadline, "<cluster><deadline>"), ClusterSpec.DEFAULT_DEADLINE);
        if (clusterDeadline.isZero()) {
            problems.add("<cluster><deadline> '" + deadline
                    + "' leaves no time for the services to become ready; give a positive duration such as 120s,"
                    + " or leave it empty for 120 s");
        }
        List<ServiceSpec> specs = new ArrayList<>();
        List<ServiceConfig> configured = services == null ? List.of() : services;
        for (int i = 0; i < configured.size(); i++) {
            ServiceSpec spec = configured.get(i).toSpec(i, basedir, clusterDeadline, problems);
            if (spec != null) {
                specs.add(spec);
            }
        }
        problems.throwIfAny("Cluster '" + name(defaultName) + "'");
        return new ClusterSpec(name(defaultName), specs, clusterDeadline);
    }
}
