package io.github.berth.engine.build;

import io.github.berth.engine.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the directives of a Dockerfile that Berth acts on: {@code # %include} lines, {@code FROM} instructions and the
 * images {@code COPY --from} copies from.
 * Follows Docker's rules for line continuations, comments, the {@code escape} parser directive, {@code ARG} before the
 * first {@code FROM} and stage names.
 */
public final class DockerfileParser {

    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final Pattern INCLUDE = Pattern.compile("^\\s*#\\s*%include(?:\\s+(.*?))?\\s*$");
    private static final Pattern ESCAPE_DIRECTIVE = Pattern.compile("^\\s*#\\s*escape\\s*=\\s*(\\S)\\s*$");
    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*#\\s*[a-zA-Z]+\\s*=.*$");
    private static final Pattern SECURE = Pattern.compile(
            "secure:(\\S+?):([^:\\s]+):sha256[\\s:]+([0-9a-fA-F]{64}):(\\S+)(?:\\s+(?i:as)\\s+(\\S+))?");
    private static final Pattern SECURE_REPOSITORY =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    /** A registry's host, with its port if any, as it starts a repository. */
    private static final Pattern SECURE_REGISTRY = Pattern.compile(
            "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?");
    /** What may start a tag that ends in {@code -} and 64 hex digits: a tag holds at most 128 characters. */
    private static final Pattern SECURE_TAG_PREFIX = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}");

    private static final Pattern VARIABLE =
            Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

    private final Map<String, String> buildArgs;

    /** @param buildArgs the build arguments, which override the defaults of {@code ARG} before the first FROM */
    public DockerfileParser(Map<String, String> buildArgs) {
        this.buildArgs = Map.copyOf(buildArgs);
    }

    /**
     * @param path the Dockerfile, named in messages
     * @param written its content, as read from the file
     * @throws ConfigurationException naming the file and line of a malformed directive
     */
    public Dockerfile parse(Path path, String written) {
        // The engine skips a UTF-8 byte order mark; so does the parser, and the Dockerfile sent goes without it.
        String text = written.startsWith(BYTE_ORDER_MARK) ? written.substring(1) : written;
        String[] lines = text.split("\n", -1);
        List<Include> includes = new ArrayList<>();
        List<FromInstruction> froms = new ArrayList<>();
        List<CopyFrom> copies = new ArrayList<>();
        Map<String, String> globalArgs = new HashMap<>();
        Set<String> stages = new HashSet<>();
        char escape = '\\';
        boolean directivesAllowed = true;
        StringBuilder instruction = null;
        int start = 0;

        for (int i = 0; i < lines.length; i++) {
            String line = stripCarriageReturn(lines[i]);
            Matcher include = INCLUDE.matcher(line);
            if (include.matches()) {
                includes.add(include(path, i + 1, include.group(1)));
                directivesAllowed = false;
                continue;
            }
            if (directivesAllowed) {
                Matcher escapeDirective = ESCAPE_DIRECTIVE.matcher(line);
                if (escapeDirective.matches()) {
                    escape = escapeDirective.group(1).charAt(0);
                    continue;
                }
                if (DIRECTIVE.matcher(line).matches()) {
                    continue;
                }
                directivesAllowed = false;
            }
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                continue;
            }
            if (instruction == null) {
                instruction = new StringBuilder();
                start = i + 1;
            }
            String stripped = line.stripTrailing();
            if (!stripped.isEmpty() && stripped.charAt(stripped.length() - 1) == escape) {
                instruction.append(stripped, 0, stripped.length() - 1);
                continue;
            }
            instruction.append(line);
            String complete = instruction.toString().strip();
            instruction = null;
            String keyword = keyword(complete);
            if (keyword.equals("ARG") && froms.isEmpty()) {
                declareArg(complete, globalArgs);
            } else if (keyword.equals("FROM")) {
                FromInstruction from = from(path, start, i + 1, complete, globalArgs, stages);
                froms.add(from);
                if (from.stage() != null) {
                    stages.add(from.stage().toLowerCase(Locale.ROOT));
                }
            } else if (keyword.equals("COPY")) {
                copyFrom(lines, start, i + 1, complete, stages).ifPresent(copies::add);
            }
        }
        if (instruction != null) {
            throw new ConfigurationException(path + " line " + start + ": the instruction ends with a line"
                    + " continuation and nothing follows; remove the trailing " + escape);
        }
        if (froms.isEmpty()) {
            throw new ConfigurationException(path + " has no FROM instruction; start it with 'FROM IMAGE', or 'FROM"
                    + " scratch' for an image that starts empty");
        }
        return new Dockerfile(path, text, includes, froms, copies);
    }

    private static Include include(Path path, int line, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(path + " line " + line
                    + ": '# %include' names no path; write '# %include PATH' with PATH relative to the project root");
        }
        return new Include(value, line);
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String keyword(String instruction) {
        int end = 0;
        while (end < instruction.length() && !Character.isWhitespace(instruction.charAt(end))) {
            end++;
        }
        return instruction.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private void declareArg(String instruction, Map<String, String> globalArgs) {
        for (String declaration : instruction.substring(3).strip().split("\\s+")) {
            if (declaration.isEmpty()) {
                continue;
            }
            int equals = declaration.indexOf('=');
            String name = equals < 0 ? declaration : declaration.substring(0, equals);
            String value = equals < 0 ? "" : unquote(declaration.substring(equals + 1));
            globalArgs.put(name, buildArgs.getOrDefault(name, value));
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static FromInstruction from(
            Path path, int first, int last, String instruction, Map<String, String> args, Set<String> stages) {
        String rest = instruction.substring(4).strip();
        StringBuilder flags = new StringBuilder();
        while (rest.startsWith("--")) {
            int end = endOfWord(rest);
            flags.append(flags.isEmpty() ? "" : " ").append(rest, 0, end);
            rest = rest.substring(end).strip();
        }
        rest = substitute(rest, args);
        if (rest.startsWith("secure:")) {
            return secureFrom(path, first, last, flags.toString(), rest);
        }
        String[] words = rest.split("\\s+");
        if (rest.isEmpty() || !(words.length == 1 || words.length == 3 && words[1].equalsIgnoreCase("AS"))) {
            throw new ConfigurationException(path + " line " + first + ": cannot read '" + instruction
                    + "'; write 'FROM IMAGE' or 'FROM IMAGE AS NAME'");
        }
        String image = words[0];
        String stage = words.length == 3 ? words[2] : null;
        boolean stageReference = stages.contains(image.toLowerCase(Locale.ROOT));
        return new FromInstruction(first, last, flags.toString(), image, stage, stageReference, null);
    }

    /**
     * The image a {@code COPY --from=...} instruction copies from, unless it names an earlier stage, by name or by
     * number. A value with a variable is left alone: the classic builder does not expand it.
     */
    private static Optional<CopyFrom> copyFrom(
            String[] lines, int first, int last, String instruction, Set<String> stages) {
        String rest = instruction.substring(4).strip();
        String source = null;
        while (rest.startsWith("--")) {
            int end = endOfWord(rest);
            String flag = rest.substring(0, end);
            if (flag.toLowerCase(Locale.ROOT).startsWith("--from=")) {
                source = flag.substring("--from=".length());
            }
            rest = rest.substring(end).strip();
        }
        if (source == null
                || source.isEmpty()
                || source.contains("$")
                || source.chars().allMatch(Character::isDigit)
                || stages.contains(source.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        for (int line = first; line <= last; line++) {
            CopyFrom copy = new CopyFrom(line, source);
            if (copy.isOn(stripCarriageReturn(lines[line - 1]))) {
                return Optional.of(copy);
            }
        }
        return Optional.empty();
    }

    private static FromInstruction secureFrom(Path path, int first, int last, String flags, String text) {
        Matcher matcher = SECURE.matcher(text);
        if (!matcher.matches()) {
            throw new ConfigurationException(path + " line " + first + ": cannot read secure base '" + text
                    + "'; write 'FROM secure:REPO:TAGPREFIX:sha256 HEX:URL' with 64 hex digits and an http, https"
                    + " or file URL");
        }
        URI url;
        try {
            url = new URI(matcher.group(4));
        } catch (URISyntaxException e) {
            throw new ConfigurationException(
                    path + " line " + first + ": secure base URL '" + matcher.group(4) + "' is not a URI: "
                            + e.getMessage() + "; write an http, https or file URL",
                    e);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!Set.of("http", "https", "file").contains(scheme)) {
            throw new ConfigurationException(path + " line " + first + ": secure base URL '" + url
                    + "' is neither http, https nor file; download it from one of those");
        }
        if (!namesRepository(matcher.group(1))) {
            throw new ConfigurationException(path + " line " + first + ": secure base repository '" + matcher.group(1)
                    + "' cannot name an image; write it in lower-case letters and digits with single '.', '_' or '-'"
                    + " and '/' between them, like tools/busybox, after a registry's host and port if any, like"
                    + " localhost:5000/tools/busybox");
        }
        if (!SECURE_TAG_PREFIX.matcher(matcher.group(2)).matches()) {
            throw new ConfigurationException(path + " line " + first + ": secure base tag prefix '" + matcher.group(2)
                    + "' cannot start a tag; write up to 63 letters, digits, '_', '.' or '-', starting with a letter,"
                    + " digit or '_'" + (matcher.group(2).contains("/") ? missingTagPrefix(matcher) : ""));
        }
        SecureBase base = new SecureBase(
                matcher.group(1), matcher.group(2), matcher.group(3).toLowerCase(Locale.ROOT), url);
        return new FromInstruction(first, last, flags, text, matcher.group(5), false, base);
    }

    /** Tells a repository with a registry's port, read as REPO:TAGPREFIX because its own TAGPREFIX is missing. */
    private static String missingTagPrefix(Matcher matcher) {
        return "; if '" + matcher.group(1) + ":" + matcher.group(2) + "' is the repository, write a TAGPREFIX after"
                + " it, like secure:" + matcher.group(1) + ":" + matcher.group(2) + ":1.0:sha256 HEX:URL";
    }

    /**
     * Whether {@code repository} names a repository the engine can tag: a path of lower-case components, after a
     * registry's host and port when its first component holds a dot or a colon or is {@code localhost}, as the Docker
     * CLI tells them apart.
     */
    private static boolean namesRepository(String repository) {
        int slash = repository.indexOf('/');
        String first = slash < 0 ? "" : repository.substring(0, slash);
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            return SECURE_REGISTRY.matcher(first).matches()
                    && SECURE_REPOSITORY
                            .matcher(repository.substring(slash + 1))
                            .matches();
        }
        return SECURE_REPOSITORY.matcher(repository).matches();
    }

    private static int endOfWord(String text) {
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Replaces {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-default}} and {@code ${NAME:+alternative}}. */
    static String substitute(String text, Map<String, String> args) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(4);
            String value = args.getOrDefault(name, "");
            if ("-".equals(matcher.group(2)) && value.isEmpty()) {
                value = matcher.group(3);
            } else if ("+".equals(matcher.group(2))) {
                value = value.isEmpty() ? "" : matcher.group(3);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
