package io.github.berth.engine;

/** Labels that Berth puts on everything it creates, so that it can find its own images, containers and networks. */
public final class Labels {

    /** Present with value {@link #OWNER_VALUE} on everything Berth made. */
    public static final String OWNER = "io.github.berth.owner";

    public static final String OWNER_VALUE = "berth";

    /** The project (Maven groupId:artifactId) the object belongs to. */
    public static final String PROJECT = "io.github.berth.project";

    /** What every one of Berth's labels starts with. */
    public static final String NAMESPACE = "io.github.berth.";

    /** The builder an image was made from. */
    public static final String BUILDER = "io.github.berth.builder";

    /** The content key of an image: a digest of everything that decides it. */
    public static final String KEY = "io.github.berth.key";

    /** The id of the image a provisioned image's line of commits started from. */
    public static final String BASE = "io.github.berth.base";

    /** On a snapshot image: the service it is a snapshot of. */
    public static final String SNAPSHOT = "io.github.berth.snapshot";

    /** The context stamp of an image: its build context as the file system described it, without reading a file. */
    public static final String STAMP = "io.github.berth.stamp";

    /** The cluster a container, network or volume belongs to. */
    public static final String CLUSTER = "io.github.berth.cluster";

    /** The service of a cluster a container runs. */
    public static final String SERVICE = "io.github.berth.service";

    /** The run of start-cluster that made a container, network or volume. */
    public static final String RUN = "io.github.berth.run";

    /** The project folder a cluster was started from, so that two checkouts of one project keep apart. */
    public static final String DIRECTORY = "io.github.berth.directory";

    /** A service's rank in its cluster's dependency order: 0 for services that depend on none. */
    public static final String RANK = "io.github.berth.rank";

    /**
     * On a container or volume that lives only while one build works with it: the host and process id of that build,
     * {@code HOST/PID}, so that a later build on the same host can tell one left by a killed build.
     */
    public static final String HOLDER = "io.github.berth.holder";

    private Labels() {}
}
