package io.github.berth.maven;

import io.github.berth.engine.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the durations, sizes, ranges and lists of names users write in the POM. */
final class ConfigValues {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([bkmg])?b?");
    private static final Duration LONGEST = Duration.ofDays(1);
    private static final Pattern RANGE = Pattern.compile("(\\d{3})(?:\\s*-\\s*(\\d{3}))?");

    private ConfigValues() {}

    /**
     * A duration such as {@code 500ms}, {@code 30s}, {@code 2m} or {@code 1h}, at most a day; a bare number counts
     * seconds.
     *
     * @param where the POM element, for the message: "service 'db' <readiness><tcp><timeout>"
     */
    static Duration duration(String value, String where) {
        Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new ConfigurationException(
                    where + " '" + value + "' is not a duration; write e.g. 500ms, 30s, 2m or 1h");
        }
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        String digits = matcher.group(1).replaceFirst("^0+(?=\\d)", "");
        // Eight digits of any unit already exceed a day; longer ones would overflow a long.
        long amount = digits.length() > 8 ? Long.MAX_VALUE : Long.parseLong(digits);
        Duration duration =
                switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "m" -> amount > LONGEST.toMinutes() ? LONGEST.plusDays(1) : Duration.ofMinutes(amount);
                    case "h" -> amount > LONGEST.toHours() ? LONGEST.plusDays(1) : Duration.ofHours(amount);
                    default -> Duration.ofSeconds(amount);
                };
        if (duration.compareTo(LONGEST) > 0) {
            throw new ConfigurationException(
                    where + " '" + value + "' is longer than a day; write a duration from 0s up to 24h");
        }
        return duration;
    }

    /** A size in bytes such as {@code 512k}, {@code 256m} or {@code 1g}; a bare number counts bytes. */
    static long bytes(String value, String where) {
        Matcher matcher = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new ConfigurationException(where + " '" + value + "' is not a size; write e.g. 64m or 1g");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        return switch (unit) {
            case "k" -> amount << 10;
            case "m" -> amount << 20;
            case "g" -> amount << 30;
            default -> amount;
        };
    }

    /**
     * A port number as written in the POM; whether it is in range is checked with the cluster.
     *
     * @param orEmpty what leaving the element empty means, for the message: ", or leave it empty for a free one"
     */
    static int port(String value, String where, String orEmpty) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(
                    where + " '" + value + "' is not a port number; write a number from 1 to 65535" + orEmpty);
        }
    }

    /** An HTTP status ({@code 200}) or range ({@code 200-299}), as {min, max}. */
    static int[] statusRange(String value, String where) {
        Matcher matcher = RANGE.matcher(value.trim());
        if (!matcher.matches()) {
            throw new ConfigurationException(
                    where + " '" + value + "' is not an HTTP status or range; write e.g. 200 or 200-299");
        }
        int min = Integer.parseInt(matcher.group(1));
        int max = matcher.group(2) == null ? min : Integer.parseInt(matcher.group(2));
        return new int[] {min, max};
    }

    /**
     * The names of a list parameter, trimmed, without empty ones: Maven makes {@code -Dberth.builders=app,} or
     * {@code "app, db"} into lists with a missing or blank-led element.
     */
    static List<String> names(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream()
                .filter(value -> !isBlank(value))
                .map(String::strip)
                .toList();
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
