package io.github.berth.engine.build;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The patterns of a {@code .dockerignore} file, matched with Docker's rules: {@code *} and {@code ?} stay within one
 * path segment, {@code **} spans any number of them, a pattern that matches a folder matches everything in it, lines
 * starting with {@code !} take paths back in, and the last matching line wins.
 */
public final class DockerIgnore {

    private record Rule(Pattern pattern, boolean exception, String text) {}

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Ignores nothing. */
    public static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    /**
     * Reads the content of a {@code .dockerignore} file.
     *
     * @throws IllegalArgumentException naming the line of a pattern that cannot be read
     */
    public static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int number = 1; number <= lines.length; number++) {
            String raw = lines[number - 1];
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            if (exception) {
                line = line.substring(1).strip();
            }
            String cleaned = clean(line);
            if (cleaned.isEmpty()) {
                continue;
            }
            try {
                rules.add(new Rule(Pattern.compile(regex(cleaned)), exception, cleaned));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "line " + number + ": '" + raw.strip() + "' is not a pattern (" + e.getDescription() + ")", e);
            }
        }
        return new DockerIgnore(rules);
    }

    /**
     * Whether {@code path} (relative to the context root, {@code /} separated) is left out of the context.
     *
     * @param path a file or folder
     */
    public boolean excludes(String path) {
        boolean matched = false;
        String[] segments = path.split("/");
        for (Rule rule : rules) {
            if (rule.exception() != matched) {
                continue;
            }
            boolean match = rule.pattern().matcher(path).matches();
            StringBuilder parent = new StringBuilder();
            for (int i = 0; !match && i < segments.length - 1; i++) {
                parent.append(i == 0 ? "" : "/").append(segments[i]);
                match = rule.pattern().matcher(parent).matches();
            }
            if (match) {
                matched = !rule.exception();
            }
        }
        return matched;
    }

    /** Whether some {@code !} line may take back a path inside an excluded folder, so the folder must be searched. */
    public boolean hasExceptions() {
        return rules.stream().anyMatch(Rule::exception);
    }

    /** Like Go's {@code filepath.Clean} on a pattern, and without a leading {@code /}. */
    static String clean(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String part : pattern.split("/+")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")
                    && !parts.isEmpty()
                    && !parts.get(parts.size() - 1).equals("..")) {
                parts.remove(parts.size() - 1);
            } else if (!part.equals("..") || !pattern.startsWith("/")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    private static String regex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                        i++;
                    }
                    regex.append(i + 1 == pattern.length() ? ".*" : "(.*/)?");
                } else {
                    regex.append("[^/]*");
                }
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '\\') {
                if (i + 1 < pattern.length()) {
                    regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                } else {
                    regex.append("\\\\");
                }
            } else if (c == '[' && pattern.indexOf(']', i + 1) > i + 1) {
                int end = pattern.indexOf(']', i + 1);
                String members = pattern.substring(i + 1, end);
                regex.append('[')
                        .append(members.startsWith("!") ? "^" + members.substring(1) : members)
                        .append(']');
                i = end;
            } else if (Character.isLetterOrDigit(c) || c == '/' || c == '_' || c == ' ') {
                regex.append(c);
            } else {
                regex.append('\\').append(c);
            }
        }
        return regex.toString();
    }
}
