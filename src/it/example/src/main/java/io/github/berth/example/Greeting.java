package io.github.berth.example;

import java.util.List;

/** What the greeter answers: a greeting for a name, and the quote of the day picked from the quotes service's list. */
final class Greeting {

    private Greeting() {}

    /** A greeting for {@code name}; a blank name is greeted as a stranger. */
    static String greet(String name, String quote) {
        String who = name == null || name.isBlank() ? "stranger" : name.strip();
        return "Hello, " + who + "! Quote of the day: " + quote;
    }

    /** The quote for {@code day}: the quotes take turns, one a day. */
    static String quoteOfTheDay(List<String> quotes, long day) {
        if (quotes.isEmpty()) {
            return "(no quotes today)";
        }
        return quotes.get((int) Math.floorMod(day, (long) quotes.size()));
    }
}
