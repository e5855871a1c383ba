package io.github.berth.engine.build;

import java.util.Optional;

/**
 * One {@code FROM} instruction of a Dockerfile.
 *
 * @param firstLine the line the instruction starts on, counted from 1
 * @param lastLine the line it ends on, after continuations
 * @param flags the flags before the image ({@code --platform=...}), as written, possibly empty
 * @param image the image, with build arguments substituted; for a secure base, the text after {@code FROM}
 * @param stage the name given with {@code AS}, or {@code null}
 * @param stageReference whether {@code image} names an earlier stage of the same Dockerfile rather than an image
 * @param secureBase the downloaded base, or {@code null} for an ordinary image
 */
public record FromInstruction(
        int firstLine,
        int lastLine,
        String flags,
        String image,
        String stage,
        boolean stageReference,
        SecureBase secureBase) {

    /** The base given as {@code secure:...}, if this instruction names one. */
    public Optional<SecureBase> secure() {
        return Optional.ofNullable(secureBase);
    }

    /** Whether the instruction names an image of the engine (not a stage, not {@code scratch}, not secure). */
    public boolean namesImage() {
        return !stageReference && secureBase == null && !image.equalsIgnoreCase("scratch");
    }

    /** This instruction with its image replaced by {@code reference}, as one line of Dockerfile. */
    String rewrittenTo(String reference) {
        return "FROM " + (flags.isEmpty() ? "" : flags + " ") + reference + (stage == null ? "" : " AS " + stage);
    }
}
