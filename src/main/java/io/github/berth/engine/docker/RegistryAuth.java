package io.github.berth.engine.docker;

import java.util.Objects;

/**
 * Credentials for one registry, as the Docker CLI keeps them. Its text form never shows the secret.
 *
 * @param serverAddress the registry they are for, as the configuration names it
 * @param username the user name, empty with an identity token
 * @param password the password or access token, empty with an identity token
 * @param identityToken a token the registry's authorization server issued in place of a password, or empty
 */
public record RegistryAuth(String serverAddress, String username, String password, String identityToken) {

    public RegistryAuth {
        Objects.requireNonNull(serverAddress, "serverAddress");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(identityToken, "identityToken");
    }

    @Override
    public String toString() {
        return "credentials for " + serverAddress
                + (username.isEmpty() ? " (identity token)" : " (user " + username + ")");
    }
}
