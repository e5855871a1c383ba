package io.github.berth.engine.prune;

import io.github.berth.engine.ConfigurationException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ages written the way people write them: {@code 30m}, {@code 12h}, {@code 7d}, {@code 2w}. */
public final class Age {

    private static final Pattern AGE = Pattern.compile("(\\d{1,9})\\s*([smhdw])");

    private Age() {}

    /**
     * @param text an age such as {@code 7d}, or blank for none
     * @param parameter the parameter it came from, for the error message
     * @return the age, {@link Duration#ZERO} when {@code text} is blank
     * @throws ConfigurationException when {@code text} is not an age
     */
    public static Duration parse(String text, String parameter) {
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        Matcher matcher = AGE.matcher(text.trim());
        if (!matcher.matches()) {
            throw new ConfigurationException(parameter + " '" + text + "' is not an age; write a whole number and a"
                    + " unit: s, m, h, d or w, like 7d or 12h");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(7 * amount);
        };
    }
}
