package io.github.berth.maven;

import io.github.berth.engine.Reporter;
import io.github.berth.engine.coverage.CoverageCollector;
import io.github.berth.engine.coverage.CoverageRequest;
import io.github.berth.engine.docker.DockerEngine;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Stops the services of the cluster gracefully, so that their coverage agents write their data, copies each service's
 * coverage directory out of its container into {@code target/berth/coverage/SERVICE/} and merges the JaCoCo execution
 * data into one file for {@code jacoco:report-integration}. Run it before {@code stop-cluster}.
 */
@Mojo(name = "collect-coverage", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class CollectCoverageMojo extends AbstractClusterMojo {

    /**
     * The services to collect from; all services of the cluster when empty.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.coverage.services")
    private List<String> services = List.of();

    /**
     * The directory in each service's container that holds its coverage data.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.coverage.directory", defaultValue = "/coverage")
    private String coverageDirectory;

    /**
     * The coverage directory of single services, overriding {@link #coverageDirectory}: the element name is the
     * service, the value its directory, such as {@code <api>/var/jacoco</api>}.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> coverageDirectories = Map.of();

    /**
     * Where the coverage files land, one folder per service. A service's folder is emptied before its files are copied.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.coverage.outputDirectory", defaultValue = "${project.build.directory}/berth/coverage")
    private File outputDirectory;

    /**
     * The file that receives all JaCoCo execution data ({@code *.exec}) of all services, merged. The default is where
     * {@code jacoco:report-integration} looks.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.coverage.mergedFile", defaultValue = "${project.build.directory}/jacoco-it.exec")
    private File mergedFile;

    /**
     * How long each service has between SIGTERM and SIGKILL, e.g. {@code 10s}; a JVM that is killed may not write its
     * coverage data.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.stopGracePeriod", defaultValue = "10s")
    private String stopGracePeriod;

    /**
     * Skips collect-coverage.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.skipCollectCoverage", defaultValue = "false")
    private boolean skipCollectCoverage;

    @Override
    protected String goal() {
        return "collect-coverage";
    }

    @Override
    protected boolean skipGoal() {
        return skipCollectCoverage;
    }

    @Override
    protected void run(Reporter reporter) {
        CoverageRequest request = new CoverageRequest(
                identity(),
                stateDirectory.toPath(),
                ConfigValues.names(services),
                coverageDirectory,
                coverageDirectories == null ? Map.of() : coverageDirectories,
                outputDirectory.toPath(),
                mergedFile.toPath(),
                ConfigValues.duration(stopGracePeriod, "<stopGracePeriod> (berth.stopGracePeriod)"));
        try (DockerEngine engine = DockerEngine.connect(endpoint(), reporter)) {
            new CoverageCollector(engine, reporter).collect(request);
        }
    }
}
