package org.pushplatform.deploy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The few options pushctl takes: {@code --name value} pairs and bare {@code --flags}. */
record CommandLine(Map<String, String> values, Set<String> flags) {

    static CommandLine parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            if (arg.contains("=")) {
                values.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                values.put(arg, args.get(++i));
            } else {
                flags.add(arg);
            }
        }
        return new CommandLine(values, flags);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    Path path(String name, Path fallback) {
        String value = values.get(name);
        return value == null ? fallback : Path.of(value).toAbsolutePath();
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
