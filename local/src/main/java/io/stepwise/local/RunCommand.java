package io.stepwise.local;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.StateMachineType;
import io.stepwise.asl.validation.DefinitionValidator;
import io.stepwise.asl.validation.ValidationResult;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.history.HistoryJson;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.local.config.FunctionSource;
import io.stepwise.local.lambda.LambdaHandler;
import io.stepwise.local.lambda.LocalLambdaRegistry;
import io.stepwise.query.Json;
import io.stepwise.runtime.ExecutionResult;
import io.stepwise.runtime.InMemoryRunner;
import io.stepwise.runtime.VirtualClock;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@code stepwise run}: one execution in memory, its output on stdout and its failure on stderr. */
final class RunCommand {
    private static final String INPUT = "--input";
    private static final String HISTORY = "--history";
    private static final String FUNCTION = "--function";
    private static final String NAME = "--name";
    private static final String VIRTUAL_TIME = "--virtual-time";

    private RunCommand() {
    }

    static int execute(String[] args, PrintStream out, PrintStream err) {
        CliArguments arguments = CliArguments.parse(args, Set.of(INPUT, HISTORY, FUNCTION, NAME), Set.of(VIRTUAL_TIME));
        String definitionFile = arguments.onlyPositional("definition file");
        String definitionText = CliFiles.read(definitionFile);
        ValidationResult validation = DefinitionValidator.validate(definitionText, StateMachineType.STANDARD);
        if (!validation.ok()) {
            err.println("InvalidDefinition: " + DefinitionValidator.createErrorMessage(validation));
            return StepwiseCli.EXIT_USAGE;
        }
        String inputText = inputText(arguments.option(INPUT, "{}"));
        Clock clock = arguments.has(VIRTUAL_TIME) ? new VirtualClock(Instant.now()) : Clock.systemUTC();
        Map<String, LambdaHandler> handlers = handlers(arguments.options(FUNCTION));

        String machineName = machineName(definitionFile);
        String executionName = arguments.option(NAME, UUID.randomUUID().toString());
        ExecutionStart start = new ExecutionStart(
                LocalAccount.arn("states", "execution:" + machineName + ":" + executionName), executionName,
                LocalAccount.arn("states", "stateMachine:" + machineName), machineName, LocalAccount.ROLE_ARN,
                LocalAccount.REGION, inputText, clock.instant(), new SecureRandom().nextLong());
        InMemoryRunner runner = new InMemoryRunner(new LocalLambdaRegistry(handlers, clock, err), clock);
        ExecutionResult result = runner.run(DefinitionParser.parse(definitionText), start);

        String historyFile = arguments.option(HISTORY, null);
        if (historyFile != null) {
            CliFiles.write(historyFile, StepwiseCli.prettyJson(HistoryJson.history(result.history())));
        }
        return report(result.state(), out, err);
    }

    private static int report(ExecutionState state, PrintStream out, PrintStream err) {
        if (state.status == ExecutionStatus.SUCCEEDED) {
            out.println(Json.write(state.output));
            return StepwiseCli.EXIT_OK;
        }
        StringBuilder message = new StringBuilder(state.status.name());
        if (state.error != null) {
            message.append(' ').append(state.error);
        }
        if (state.cause != null) {
            message.append(": ").append(state.cause);
        }
        if (state.status == ExecutionStatus.RUNNING) {
            message.append(" (stopped: nothing can happen without outside help, e.g. a task waiting for a callback)");
        }
        err.println(message);
        return StepwiseCli.EXIT_FAILED;
    }

    /** {@code --input} is JSON text or {@code @file}; AWS requires valid JSON, so we check it up front. */
    private static String inputText(String option) {
        String text = option.startsWith("@") ? CliFiles.read(option.substring(1)) : option;
        try {
            Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw CliError.input("--input is not valid JSON: " + e.getMessage());
        }
        return text;
    }

    static Map<String, LambdaHandler> handlers(List<String> specs) {
        Map<String, LambdaHandler> handlers = new HashMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String spec : specs) {
            int equals = spec.indexOf('=');
            if (equals <= 0 || equals == spec.length() - 1) {
                throw CliError.usage("--function expects NAME=fully.qualified.HandlerClass, got " + spec);
            }
            try {
                handlers.put(spec.substring(0, equals), LambdaHandler.load(spec.substring(equals + 1), loader));
            } catch (IllegalArgumentException e) {
                throw CliError.input("--function " + spec + ": " + e.getMessage());
            }
        }
        return handlers;
    }

    /** {@code --function NAME=Class} options as the functions of a configuration (loaded when it is). */
    static Map<String, FunctionSource> functionSources(List<String> specs) {
        Map<String, FunctionSource> functions = new LinkedHashMap<>();
        for (String spec : specs) {
            int equals = spec.indexOf('=');
            if (equals <= 0 || equals == spec.length() - 1) {
                throw CliError.usage("--function expects NAME=fully.qualified.HandlerClass, got " + spec);
            }
            functions.put(spec.substring(0, equals), new FunctionSource.Handler(spec.substring(equals + 1)));
        }
        return functions;
    }

    /** The file name without {@code .json}, and without {@code .asl} from the common {@code .asl.json}. */
    private static String machineName(String definitionFile) {
        String name = Path.of(definitionFile).getFileName().toString();
        for (String suffix : List.of(".json", ".asl")) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                name = name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
