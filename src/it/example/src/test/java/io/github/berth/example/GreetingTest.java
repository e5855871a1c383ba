package io.github.berth.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GreetingTest {

    @Test
    void greetsByName() {
        assertEquals("Hello, Ada! Quote of the day: Be brief.", Greeting.greet(" Ada ", "Be brief."));
    }

    @Test
    void quotesTakeTurnsDayByDay() {
        List<String> quotes = List.of("one", "two", "three");

        assertEquals("two", Greeting.quoteOfTheDay(quotes, 4));
    }
}
