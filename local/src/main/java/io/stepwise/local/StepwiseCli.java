package io.stepwise.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/** The {@code stepwise} command line: run or validate a state machine definition locally. */
public final class StepwiseCli {
    static final int EXIT_OK = 0;
    /** The definition is invalid, or the execution / validation did not succeed. */
    static final int EXIT_FAILED = 1;
    /** Bad arguments, unreadable files, invalid input or definition. */
    static final int EXIT_USAGE = 2;

    private static final String SERVE_COMMAND = "io.stepwise.local.server.ServeCommand";
    private static final String USAGE = """
            Usage: stepwise <command> [options]

              run <definition.json> [options]     run one execution in memory, print its output
                  --input JSON|@FILE               execution input (default {})
                  --history FILE                   write the GetExecutionHistory JSON to FILE
                  --virtual-time                   skip waits instead of sleeping through them
                  --function NAME=CLASS            serve Lambda function NAME with a Java handler class
                                                   (repeatable; extra classpath via STEPWISE_CLASSPATH)
                  --name NAME                      execution name (default a random UUID)
              validate <definition.json> [--type STANDARD|EXPRESS]
                                                   print ValidateStateMachineDefinition's answer
              test-state <definition.json> [options]
                                                   run one state as the TestState API does, print its answer
                  --state NAME                     the state to test when the definition is a state machine
                  --input JSON|@FILE               the state's input (default {})
                  --mock JSON|@FILE                {"result": ...} or {"errorOutput": {"error": ..., "cause": ...}},
                                                   optionally "fieldValidationMode": STRICT|PRESENT|NONE
                  --variables JSON|@FILE           workflow variables the state sees
                  --context JSON|@FILE             the context object the state sees
                  --state-configuration JSON|@FILE retrierRetryCount, mapIterationFailureCount, ...
                  --function NAME=CLASS            a Task state without --mock calls Lambda function NAME
                                                   served by a Java handler class (repeatable)
                  --role-arn ARN                   the role of the context object
                  --inspection-level LEVEL         INFO, DEBUG (default) or TRACE
              serve ...                            run the local Step Functions endpoint

            Exit codes: 0 success, 1 execution failed, definition invalid (validate) or data directory refused
            (serve: in use by another server, or its database is not Stepwise's or is damaged), 2 usage or input
            error.
            """;

    private StepwiseCli() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    public static int execute(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(USAGE);
            return args.length == 0 ? EXIT_USAGE : EXIT_OK;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "run" -> RunCommand.execute(rest, out, err);
                case "validate" -> ValidateCommand.execute(rest, out);
                case "test-state" -> TestStateCommand.execute(rest, out, err);
                case "serve" -> serve(rest, err);
                default -> throw CliError.usage("unknown command " + args[0]);
            };
        } catch (CliError e) {
            err.println("stepwise: " + e.getMessage());
            if (e.showUsage()) {
                err.print(USAGE);
            }
            return EXIT_USAGE;
        }
    }

    /** The server lives in a module that may not be in this build, so it is looked up by name. */
    private static int serve(String[] args, PrintStream err) {
        Method run;
        try {
            run = Class.forName(SERVE_COMMAND).getMethod("run", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            err.println("serve is not available in this build");
            return EXIT_USAGE;
        }
        try {
            Object exitCode = run.invoke(null, (Object) args);
            return exitCode instanceof Integer code ? code : EXIT_OK;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    static String prettyJson(JsonNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
