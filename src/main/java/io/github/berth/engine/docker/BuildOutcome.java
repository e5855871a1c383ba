package io.github.berth.engine.docker;

/**
 * What a successful image build gave.
 *
 * @param imageId the new image's id, {@code sha256:...}
 * @param contextBytes how many bytes of build context were sent to the engine
 */
public record BuildOutcome(String imageId, long contextBytes) {}
