package io.github.berth.maven;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Reporter;
import io.github.berth.engine.docker.DockerEndpoint;
import io.github.berth.engine.docker.EndpointResolver;
import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every Berth goal shares: the project, the Docker endpoint, the skip switches and the one place where engine
 * failures become Maven failures.
 */
abstract class AbstractBerthMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /**
     * The Docker engine to use, as {@code unix:///path} or {@code tcp://host:port}. When unset, {@code DOCKER_HOST}
     * (with {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH}), then the current Docker CLI context, then the
     * local socket are used.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.dockerHost")
    protected String dockerHost;

    /**
     * Folder with {@code ca.pem} (required) and, when the engine asks for a client certificate, {@code cert.pem} and
     * {@code key.pem}, for TLS to {@link #dockerHost}. Setting it turns on TLS with verification of the engine's
     * certificate.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.dockerCertPath")
    protected File dockerCertPath;

    /**
     * Whether the certificate of a Docker engine reached over TLS must name the host Berth connects to. Turn it off
     * only for an engine whose certificate lacks that name, on a network you trust; each run then warns. The
     * certificate is verified against the CA either way.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.dockerTlsVerifyHostName", defaultValue = "true")
    protected boolean dockerTlsVerifyHostName;

    /**
     * Skips every Berth goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * Reports the engine's details at INFO instead of DEBUG.
     *
     * @since 0.1.0
     */
    @Parameter(property = "berth.verbose", defaultValue = "false")
    protected boolean verbose;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipGoal()) {
            getLog().info("Skipping " + goal() + (skip ? " (berth.skip)" : " (skip parameter of this goal)"));
            return;
        }
        LibraryLogging.quieten();
        try {
            run(new MavenReporter(getLog(), verbose));
        } catch (ConfigurationException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (BerthException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** The goal's name, as users type it after {@code berth:}. */
    protected abstract String goal();

    /** Whether the goal's own skip switch is on. */
    protected abstract boolean skipGoal();

    /** Does the goal's work; engine exceptions are translated by the caller. */
    protected abstract void run(Reporter reporter) throws MojoExecutionException, MojoFailureException;

    protected DockerEndpoint endpoint() {
        DockerEndpoint endpoint = EndpointResolver.fromSystem()
                .resolve(dockerHost, dockerCertPath == null ? null : dockerCertPath.toPath());
        return dockerTlsVerifyHostName ? endpoint : endpoint.withoutHostNameCheck();
    }

    /** A name for this project that labels everything Berth creates for it. */
    protected String projectKey() {
        return project.getGroupId() + ":" + project.getArtifactId();
    }
}
