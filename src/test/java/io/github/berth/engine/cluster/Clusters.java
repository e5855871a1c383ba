package io.github.berth.engine.cluster;

import java.time.Duration;
import java.util.List;

/** Cluster definitions that tests share, all running a busybox image. */
final class Clusters {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Clusters() {}

    /** A shell command that ends on SIGTERM, which busybox's httpd as PID 1 would ignore. */
    static String[] shell(String script) {
        return new String[] {"sh", "-c", "trap 'exit 0' TERM; " + script + " & wait"};
    }

    /**
     * db (log and TCP readiness) is needed ready by api (HTTP readiness, alias backend), which is needed ready by web
     * (log readiness after reaching api through its alias).
     */
    static List<ServiceSpec> threeServices(String image) {
        ServiceSpec db = Service.of("db", image)
                .command(shell("echo booting; sleep 1; echo 'database system is ready'; httpd -f -p 5432"))
                .ports(PortSpec.of(5432))
                .readiness(
                        new ReadinessCheck.Log("database system is ready", TIMEOUT),
                        new ReadinessCheck.Tcp(5432, TIMEOUT))
                .build();
        ServiceSpec api = Service.of("api", image)
                .command(shell("mkdir -p /www && echo 'api is up' > /www/index.html && httpd -f -p 80 -h /www"))
                .ports(PortSpec.of(80))
                .aliases("backend")
                .dependsOn(Dependency.ready("db"))
                .readiness(new ReadinessCheck.Http(80, "/index.html", 200, 299, "api is up", TIMEOUT))
                .build();
        ServiceSpec web = Service.of("web", image)
                .command(shell("wget -q -O - http://backend/index.html && echo 'reached backend'; sleep 300"))
                .dependsOn(Dependency.ready("api"))
                .readiness(new ReadinessCheck.Log("reached backend", TIMEOUT))
                .build();
        return List.of(db, api, web);
    }
}
