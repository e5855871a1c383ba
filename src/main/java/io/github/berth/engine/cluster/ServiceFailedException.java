package io.github.berth.engine.cluster;

/** A service did not reach what was awaited of it; the start of its cluster fails. */
final class ServiceFailedException extends RuntimeException {

    private final String service;

    /**
     * @param reason what happened, as a clause: "exited with code 3 while waiting for TCP port 80"
     */
    ServiceFailedException(String service, String reason) {
        super(reason);
        this.service = service;
    }

    String service() {
        return service;
    }
}
