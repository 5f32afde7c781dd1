package io.stepwise.local;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A subcommand's arguments: positionals, {@code --flag value} / {@code --flag=value} options and switches. */
final class CliArguments {
    private final List<String> positionals = new ArrayList<>();
    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final Set<String> switches = new HashSet<>();

    private CliArguments() {
    }

    static CliArguments parse(String[] args, Set<String> optionNames, Set<String> switchNames) {
        CliArguments parsed = new CliArguments();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                parsed.positionals.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (switchNames.contains(name) && equals < 0) {
                parsed.switches.add(name);
            } else if (optionNames.contains(name)) {
                String value;
                if (equals > 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw CliError.usage(name + " needs a value");
                }
                parsed.options.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else {
                throw CliError.usage("unknown option " + arg);
            }
        }
        return parsed;
    }

    String onlyPositional(String what) {
        if (positionals.size() != 1) {
            throw CliError.usage(positionals.isEmpty() ? "missing " + what : "unexpected argument " + positionals.get(1));
        }
        return positionals.get(0);
    }

    /** The option's value, or {@code fallback} when absent; given twice is an error. */
    String option(String name, String fallback) {
        List<String> values = options(name);
        if (values.size() > 1) {
            throw CliError.usage(name + " given more than once");
        }
        return values.isEmpty() ? fallback : values.get(0);
    }

    List<String> options(String name) {
        return options.getOrDefault(name, List.of());
    }

    boolean has(String switchName) {
        return switches.contains(switchName);
    }
}
