package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClusterValidatorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void acceptsAValidCluster() {
        ClusterSpec cluster = cluster(
                Service.of("db", "postgres:16").ports(PortSpec.of(5432)),
                Service.of("api", "api").dependsOn(Dependency.ready("db")));

        assertThat(ClusterValidator.problems(cluster)).isEmpty();
    }

    @Test
    void refusesAHostIpThatIsNotAnAddressSinceTheEngineWouldBindEveryAddress() {
        ClusterSpec cluster = cluster(
                Service.of("web", "x").ports(new PortSpec(80, 0, "localhost")),
                Service.of("api", "x").ports(new PortSpec(81, 0, "999.1.1.1")),
                Service.of("ok4", "x").ports(new PortSpec(82, 0, "127.0.0.1")),
                Service.of("ok6", "x").ports(new PortSpec(83, 0, "::1")));

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly(
                        "service 'web': <ports> entry 80 has <hostIp> 'localhost', which is not an IP address; write"
                                + " one such as 127.0.0.1 or ::1, or leave it empty (the engine would otherwise"
                                + " publish the port on every address)",
                        "service 'api': <ports> entry 81 has <hostIp> '999.1.1.1', which is not an IP address; write"
                                + " one such as 127.0.0.1 or ::1, or leave it empty (the engine would otherwise"
                                + " publish the port on every address)");
    }

    @Test
    void knowsAnAddressFromAHostName() {
        assertThat(ClusterValidator.isIpAddress("10.0.0.255")).isTrue();
        assertThat(ClusterValidator.isIpAddress("0.0.0.0")).isTrue();
        assertThat(ClusterValidator.isIpAddress("fe80::1")).isTrue();
        assertThat(ClusterValidator.isIpAddress("::ffff:127.0.0.1")).isTrue();
        assertThat(ClusterValidator.isIpAddress("10.0.0.256")).isFalse();
        assertThat(ClusterValidator.isIpAddress("10.0.0")).isFalse();
        assertThat(ClusterValidator.isIpAddress("host:1")).isFalse();
        assertThat(ClusterValidator.isIpAddress("cafe")).isFalse();
    }

    @Test
    void refusesAnImageReferenceNoEngineWouldTake() {
        ClusterSpec cluster = cluster(Service.of("web", "Brk-BB:1"), Service.of("db", "brk bb:1"));

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly(
                        "service 'web': <image> Image reference 'Brk-BB:1' is not valid: repository names must be"
                                + " lower case; write it as [REGISTRY/]REPOSITORY[:TAG][@DIGEST], for example"
                                + " postgres:16 or registry.example.com:5000/team/app:1.2",
                        "service 'db': <image> Image reference 'brk bb:1' is not valid: it is empty or holds white"
                                + " space; write it as [REGISTRY/]REPOSITORY[:TAG][@DIGEST], for example postgres:16"
                                + " or registry.example.com:5000/team/app:1.2");
    }

    @Test
    void refusesADependencyOnAnUnknownService() {
        ClusterSpec cluster = cluster(
                Service.of("db", "postgres:16"), Service.of("api", "api").dependsOn(Dependency.ready("dbb")));

        assertThatThrownBy(() -> ClusterValidator.validate(cluster))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("service 'api': <dependsOn> names 'dbb', which is not a service of this cluster;"
                        + " known services: db, api");
    }

    @Test
    void showsADependencyCycle() {
        ClusterSpec cluster = cluster(
                Service.of("a", "x").dependsOn(Dependency.ready("b")),
                Service.of("b", "x").dependsOn(Dependency.ready("c")),
                Service.of("c", "x").dependsOn(new Dependency("a", Dependency.Condition.STARTED)));

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly("services depend on each other in a cycle: a -> b -> c -> a; remove one of these"
                        + " <dependsOn> entries");
    }

    @Test
    void showsAServiceThatDependsOnItself() {
        ClusterSpec cluster = cluster(Service.of("a", "x").dependsOn(Dependency.ready("a")));

        assertThat(ClusterValidator.problems(cluster)).anyMatch(problem -> problem.contains("cycle: a -> a"));
    }

    @Test
    void refusesDuplicateServiceNames() {
        ClusterSpec cluster = cluster(Service.of("db", "x"), Service.of("db", "y"));

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly("service 'db' is defined twice; give each <service> its own <name>");
    }

    @Test
    void refusesTheSameFixedHostPortTwice() {
        ClusterSpec cluster = cluster(
                Service.of("a", "x").ports(new PortSpec(80, 8080, "")),
                Service.of("b", "x").ports(new PortSpec(81, 8080, "")));

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly("host port 8080 is bound twice, by service 'a' and service 'b' <ports>; choose"
                        + " another <host> port or leave it empty for a free one");
    }

    @Test
    void refusesAHostPortBoundOnAnAddressAndOnAllAddresses() {
        for (String everywhere : List.of("0.0.0.0", "::", "")) {
            ClusterSpec cluster = cluster(
                    Service.of("a", "x").ports(new PortSpec(80, 8080, "127.0.0.1")),
                    Service.of("b", "x").ports(new PortSpec(81, 8080, everywhere)));

            assertThat(ClusterValidator.problems(cluster))
                    .as(everywhere)
                    .containsExactly("host port 8080 is bound twice, by service 'a' and service 'b' <ports>; choose"
                            + " another <host> port or leave it empty for a free one");
        }
    }

    @Test
    void allowsTheSameHostPortOnTwoDifferentAddresses() {
        ClusterSpec cluster = cluster(
                Service.of("a", "x").ports(new PortSpec(80, 8080, "127.0.0.1")),
                Service.of("b", "x").ports(new PortSpec(80, 8080, "127.0.0.2")));

        assertThat(ClusterValidator.problems(cluster)).isEmpty();
    }

    @Test
    void refusesAWaitOnAPortTheServiceDoesNotPublish() {
        ClusterSpec cluster = cluster(Service.of("api", "x")
                .ports(PortSpec.of(80))
                .readiness(new ReadinessCheck.Http(8080, "/", 200, 200, null, TIMEOUT)));

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly("service 'api': <readiness><http> waits on port 8080, which the service does not"
                        + " publish (it publishes 80); add it to <ports>");
    }

    @Test
    void refusesATcpWaitWithoutAnyPublishedPort() {
        ClusterSpec cluster = cluster(Service.of("db", "x").readiness(new ReadinessCheck.Tcp(5432, TIMEOUT)));

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly("service 'db': <readiness><tcp> waits on port 5432, which the service does not"
                        + " publish (it publishes no ports); add it to <ports>");
    }

    @Test
    void refusesALogPatternThatIsNoRegularExpression() {
        ClusterSpec cluster = cluster(Service.of("db", "x").readiness(new ReadinessCheck.Log("ready (", TIMEOUT)));

        assertThat(ClusterValidator.problems(cluster))
                .singleElement()
                .asString()
                .startsWith("service 'db': <readiness><log> pattern 'ready (' is not a regular expression: ");
    }

    @Test
    void refusesAnInvalidStatusRange() {
        ClusterSpec cluster = cluster(Service.of("api", "x")
                .ports(PortSpec.of(80))
                .readiness(new ReadinessCheck.Http(80, "/", 300, 200, null, TIMEOUT)));

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly("service 'api': <readiness><http><status> 300-200 is not a range of HTTP status"
                        + " codes; write e.g. 200 or 200-299");
    }

    @Test
    void refusesAServiceNameThatIsNoHostName() {
        ClusterSpec cluster = cluster(Service.of("my db", "x"));

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly(
                        "service 'my db': <name> is not a valid host name; use letters, digits, '_', '.' and" + " '-'");
    }

    @Test
    void refusesARelativeVolumeTarget() {
        ClusterSpec cluster =
                cluster(Service.of("db", "x").volumes(new VolumeSpec(VolumeSpec.Kind.NAMED, "data", "var/lib", false)));

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly(
                        "service 'db': <volumes> target 'var/lib' is not an absolute path inside the" + " container");
    }

    @Test
    void refusesAClusterWithoutServices() {
        ClusterSpec cluster = new ClusterSpec("demo", List.of(), TIMEOUT);

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly("it has no <services>; add at least one <service>");
    }

    @Test
    void listsEveryProblemInOneMessage() {
        ClusterSpec cluster = cluster(Service.of("a", "x").dependsOn(Dependency.ready("nope")), Service.of("a", ""));

        assertThatThrownBy(() -> ClusterValidator.validate(cluster))
                .hasMessageStartingWith("Cluster 'demo' is not valid:\n  - ")
                .hasMessageContaining("names 'nope'")
                .hasMessageContaining("defined twice")
                .hasMessageContaining("<image> is empty");
    }

    @Test
    void refusesAliasesThatAreNoHostNameOrNameAnotherService() {
        ClusterSpec cluster = cluster(
                Service.of("db", "x").aliases("bad alias!", "api", "store"),
                Service.of("api", "x").aliases("store", "a".repeat(64), "ok.store-1"));

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly(
                        "service 'db': <alias> 'bad alias!' is not a valid host name; use letters, digits, '_', '.'"
                                + " and '-', starting with a letter or digit, at most 63 characters between dots",
                        "service 'db': <alias> 'api' is the name of service 'api'; choose another alias",
                        "service 'api': <alias> 'store' is also an alias of service 'db'; give each alias to one"
                                + " service only",
                        "service 'api': <alias> '" + "a".repeat(64) + "' is not a valid host name; use letters,"
                                + " digits, '_', '.' and '-', starting with a letter or digit, at most 63 characters"
                                + " between dots");
    }

    @Test
    void refusesAServiceNameLongerThanAHostNameLabel() {
        String name = "s".repeat(70);
        ClusterSpec cluster = cluster(Service.of(name, "x"), Service.of("a.b", "x"));

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly("service '" + name + "': <name> has a part longer than 63 characters, which is not a"
                        + " valid host name; shorten it");
    }

    @Test
    void refusesASnapshotWhoseImageNameWouldBeLongerThanTheEngineTakes() {
        String name = String.join(".", "s".repeat(61), "t".repeat(61), "u".repeat(61), "v".repeat(61));
        ClusterSpec cluster = cluster(Service.of(name, "x").snapshot(), Service.of(name.substring(0, 200), "x"));

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly(
                        "service '" + name + "': the image of its <snapshot>, demo-" + name + "-snapshot, would"
                                + " be 261 characters long, more than the 255 the engine takes; shorten the service's or the"
                                + " cluster's <name>");
    }

    @Test
    void refusesAClusterNameTooLongForTheNameOfItsStateFile() {
        String name = "c".repeat(201);
        ClusterSpec cluster =
                new ClusterSpec(name, List.of(Service.of("db", "x").build()), ClusterSpec.DEFAULT_DEADLINE);

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly("cluster <name> '" + name + "' is 201 characters long; the state file " + name
                        + ".json and the engine's objects are named after it, so keep it to 200 characters");
    }

    @Test
    void refusesANamedVolumeWhoseNameTheEngineWouldRefuse() {
        ClusterSpec cluster = cluster(Service.of("db", "x")
                .volumes(
                        new VolumeSpec(VolumeSpec.Kind.NAMED, "my vol", "/data", false),
                        new VolumeSpec(VolumeSpec.Kind.NAMED, "my-vol_1.x", "/more", false)));

        assertThat(ClusterValidator.problems(cluster))
                .containsExactly("service 'db': <volumes> entry for '/data' has <source> 'my vol', which is not a valid"
                        + " volume name; use letters, digits, '_', '.' and '-', starting with a letter or digit (or a"
                        + " path with '/' for a bind mount)");
    }

    private static ClusterSpec cluster(Service... services) {
        return new ClusterSpec("demo", Stream.of(services).map(Service::build).toList(), ClusterSpec.DEFAULT_DEADLINE);
    }
}
