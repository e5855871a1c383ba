package io.github.berth.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.cluster.ClusterSpec;
import io.github.berth.engine.cluster.ClusterValidator;
import io.github.berth.engine.cluster.Dependency;
import io.github.berth.engine.cluster.PortSpec;
import io.github.berth.engine.cluster.ReadinessCheck;
import io.github.berth.engine.cluster.ServiceSpec;
import io.github.berth.engine.cluster.VolumeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {

    private static final Path BASEDIR = Path.of("/work/project");

    @Test
    void namesTheClusterAfterTheProjectUnlessTold() {
        ClusterConfig config = new ClusterConfig();
        config.services = List.of(service("db", "postgres:16"));

        assertThat(config.toSpec("shop", BASEDIR).name()).isEqualTo("shop");
    }

    @Test
    void turnsAServiceIntoItsSpec() {
        ServiceConfig db = service("db", "postgres:16");
        ServiceConfig.PortConfig port = new ServiceConfig.PortConfig();
        port.container = "5432";
        db.ports = List.of(port);
        db.memory = "256m";
        db.addDependsOn(dependency("migrate", "completed"));
        db.addDependsOn(dependency("cache", null));
        db.readiness = new ReadinessConfig();
        db.readiness.tcp = new ReadinessConfig.Tcp();
        db.readiness.tcp.port = "5432";
        db.readiness.tcp.timeout = "20s";
        ClusterConfig config = new ClusterConfig();
        config.deadline = "90s";
        config.services = List.of(db);

        ServiceSpec spec = config.toSpec("shop", BASEDIR).services().get(0);

        assertThat(spec.ports()).containsExactly(new PortSpec(5432, 0, ""));
        assertThat(spec.memoryBytes()).isEqualTo(256L << 20);
        assertThat(spec.dependsOn())
                .containsExactly(
                        new Dependency("migrate", Dependency.Condition.COMPLETED),
                        new Dependency("cache", Dependency.Condition.READY));
        assertThat(spec.readiness()).containsExactly(new ReadinessCheck.Tcp(5432, Duration.ofSeconds(20)));
    }

    @Test
    void givesChecksWithoutTimeoutTheClusterDeadline() {
        ServiceConfig api = service("api", "api");
        api.readiness = new ReadinessConfig();
        api.readiness.log = new ReadinessConfig.Log();
        api.readiness.log.pattern = "started";
        ClusterConfig config = new ClusterConfig();
        config.services = List.of(api);

        ClusterSpec spec = config.toSpec("shop", BASEDIR);

        assertThat(spec.services().get(0).readiness())
                .containsExactly(new ReadinessCheck.Log("started", ClusterSpec.DEFAULT_DEADLINE));
    }

    @Test
    void guessesTheKindOfVolumeFromItsSource() {
        ServiceConfig db = service("db", "postgres:16");
        db.volumes = List.of(
                volume("./src/test/sql", "/docker-entrypoint-initdb.d"), volume("data", "/data"), volume(null, "/tmp"));

        List<VolumeSpec> volumes =
                db.toSpec(0, BASEDIR, ClusterSpec.DEFAULT_DEADLINE).volumes();

        assertThat(volumes)
                .containsExactly(
                        new VolumeSpec(
                                VolumeSpec.Kind.BIND,
                                "/work/project/src/test/sql",
                                "/docker-entrypoint-initdb.d",
                                false),
                        new VolumeSpec(VolumeSpec.Kind.NAMED, "data", "/data", false),
                        new VolumeSpec(VolumeSpec.Kind.TMPFS, "", "/tmp", false));
    }

    @Test
    void refusesAnUnknownDependencyCondition() {
        ServiceConfig api = service("api", "api");
        api.addDependsOn(dependency("db", "healthy"));

        assertThatThrownBy(() -> api.toSpec(0, BASEDIR, ClusterSpec.DEFAULT_DEADLINE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("service 'api' <dependsOn> on 'db' has <condition> 'healthy'; use started, ready or"
                        + " completed");
    }

    @Test
    void saysWhichConditionsExistWithoutJavaNamesWhenAConditionIsUnknown() {
        ServiceConfig api = service("api", "api");
        api.addDependsOn(dependency("db", "sometimes"));

        assertThatThrownBy(() -> api.toSpec(0, BASEDIR, ClusterSpec.DEFAULT_DEADLINE))
                .hasNoCause()
                .hasMessage("service 'api' <dependsOn> on 'db' has <condition> 'sometimes'; use started, ready or"
                        + " completed");
    }

    @Test
    void namesTheDeadlineWhenItIsZero() {
        ClusterConfig config = new ClusterConfig();
        config.deadline = "0s";
        ServiceConfig web = service("web", "x");
        web.readiness = new ReadinessConfig();
        web.readiness.log = new ReadinessConfig.Log();
        web.readiness.log.pattern = "up";
        config.services = List.of(web);

        assertThatThrownBy(() -> config.toSpec("shop", BASEDIR))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("<cluster><deadline> '0s' leaves no time for the services to become ready; give a"
                        + " positive duration such as 120s, or leave it empty for 120 s");
    }

    @Test
    void passesAContainerPortOfZeroOnToBeReportedAsOutOfRange() {
        ClusterConfig config = new ClusterConfig();
        ServiceConfig web = service("web", "x");
        ServiceConfig.PortConfig port = new ServiceConfig.PortConfig();
        port.container = "0";
        web.ports = List.of(port);
        config.services = List.of(web);

        assertThatThrownBy(() -> ClusterValidator.validate(config.toSpec("shop", BASEDIR)))
                .hasMessage("Cluster 'shop' is not valid:\n  - service 'web': <ports> entry 0 -> 0 is out of range;"
                        + " ports run from 1 to 65535 (host port 0 or empty: a free one)");
    }

    @Test
    void refusesAPortWithoutContainerPort() {
        ServiceConfig web = service("web", "x");
        web.ports = List.of(new ServiceConfig.PortConfig());

        assertThatThrownBy(() -> web.toSpec(0, BASEDIR, ClusterSpec.DEFAULT_DEADLINE))
                .hasMessage("service 'web' has a <port> without <container> port; add one");
    }

    @Test
    void reportsEveryMistakeOfTheConfigurationTogether() {
        ClusterConfig config = new ClusterConfig();
        config.name = "shop";
        ServiceConfig db = service("db", "x");
        db.memory = "lots";
        db.addDependsOn(dependency("api", "sometimes"));
        ServiceConfig.VolumeConfig volume = volume("data", "/data");
        volume.type = "nfs";
        db.volumes = List.of(volume);
        config.services = List.of(db, service("api", ""));

        assertThatThrownBy(() -> config.toSpec("ignored", BASEDIR))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Cluster 'shop' is not valid:\n"
                        + "  - service 'db' <volume> for /data has <type> 'nfs'; use bind, volume or tmpfs\n"
                        + "  - service 'db' <dependsOn> on 'api' has <condition> 'sometimes'; use started, ready or"
                        + " completed\n"
                        + "  - service 'db' <memory> 'lots' is not a size; write e.g. 64m or 1g\n"
                        + "  - service 'api' has no <image>; name an image or a builder");
    }

    @Test
    void refusesAServiceWithoutImage() {
        assertThatThrownBy(() -> service("api", " ").toSpec(0, BASEDIR, ClusterSpec.DEFAULT_DEADLINE))
                .hasMessage("service 'api' has no <image>; name an image or a builder");
    }

    @Test
    void refusesAServiceWithoutName() {
        assertThatThrownBy(() -> service(null, "x").toSpec(1, BASEDIR, ClusterSpec.DEFAULT_DEADLINE))
                .hasMessage("<service> number 2 has no <name>; give it one");
    }

    @Test
    void waitsOnTheFirstPublishedPortWhenAnHttpCheckNamesNone() {
        ServiceConfig api = service("api", "api");
        ServiceConfig.PortConfig port = new ServiceConfig.PortConfig();
        port.container = "8080";
        api.ports = List.of(port);
        api.readiness = new ReadinessConfig();
        api.readiness.http = new ReadinessConfig.Http();

        assertThat(api.toSpec(0, BASEDIR, ClusterSpec.DEFAULT_DEADLINE).readiness())
                .containsExactly(new ReadinessCheck.Http(8080, "/", 200, 399, null, ClusterSpec.DEFAULT_DEADLINE));
    }

    @Test
    void refusesAnHttpCheckWithoutPortOnAServiceThatPublishesNone() {
        ServiceConfig api = service("api", "api");
        api.readiness = new ReadinessConfig();
        api.readiness.http = new ReadinessConfig.Http();

        assertThatThrownBy(() -> api.toSpec(0, BASEDIR, ClusterSpec.DEFAULT_DEADLINE))
                .hasMessage("service 'api' <readiness><http> has no <port> and the service publishes none; add a"
                        + " <port> to its <ports>");
    }

    @Test
    void refusesADependencyWithoutService() {
        ServiceConfig api = service("api", "api");
        api.addDependsOn(dependency(null, "ready"));

        assertThatThrownBy(() -> api.toSpec(0, BASEDIR, ClusterSpec.DEFAULT_DEADLINE))
                .hasMessage("service 'api' has a <dependsOn> without <service>; name the service to wait for");
    }

    @Test
    void refusesAnUnknownVolumeType() {
        ServiceConfig db = service("db", "x");
        ServiceConfig.VolumeConfig volume = volume("data", "/data");
        volume.type = "nfs";
        db.volumes = List.of(volume);

        assertThatThrownBy(() -> db.toSpec(0, BASEDIR, ClusterSpec.DEFAULT_DEADLINE))
                .hasMessage("service 'db' <volume> for /data has <type> 'nfs'; use bind, volume or tmpfs");
    }

    private static ServiceConfig service(String name, String image) {
        ServiceConfig service = new ServiceConfig();
        service.name = name;
        service.image = image;
        return service;
    }

    private static ServiceConfig.DependencyConfig dependency(String service, String condition) {
        ServiceConfig.DependencyConfig dependency = new ServiceConfig.DependencyConfig();
        dependency.service = service;
        dependency.condition = condition;
        return dependency;
    }

    private static ServiceConfig.VolumeConfig volume(String source, String target) {
        ServiceConfig.VolumeConfig volume = new ServiceConfig.VolumeConfig();
        volume.source = source;
        volume.target = target;
        return volume;
    }
}
