package io.stepwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.api.ApiException;
import io.stepwise.api.Arns;
import io.stepwise.api.TestStateOperations;
import io.stepwise.integrations.SdkModelShapes;
import io.stepwise.local.config.StepwiseConfig;
import io.stepwise.local.server.ConfiguredIntegrations;
import io.stepwise.query.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * {@code stepwise test-state}: runs one state as the TestState API does and prints its answer (status, output,
 * next state, error, inspection data).
 */
final class TestStateCommand {
    private static final String STATE = "--state";
    private static final String INPUT = "--input";
    private static final String MOCK = "--mock";
    private static final String VARIABLES = "--variables";
    private static final String CONTEXT = "--context";
    private static final String ROLE_ARN = "--role-arn";
    private static final String INSPECTION_LEVEL = "--inspection-level";
    private static final String STATE_CONFIGURATION = "--state-configuration";
    private static final String FUNCTION = "--function";
    private static final String CONFIG = "--config";
    private static final String REVEAL_SECRETS = "--reveal-secrets";

    private TestStateCommand() {
    }

    static int execute(String[] args, PrintStream out, PrintStream err) {
        CliArguments arguments = CliArguments.parse(args, Set.of(STATE, INPUT, MOCK, VARIABLES, CONTEXT, ROLE_ARN,
                INSPECTION_LEVEL, STATE_CONFIGURATION, FUNCTION, CONFIG), Set.of(REVEAL_SECRETS));
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("definition", CliFiles.read(arguments.onlyPositional("definition file")));
        putText(request, "stateName", arguments.option(STATE, null));
        putText(request, "input", jsonText(arguments.option(INPUT, null), INPUT));
        putText(request, "variables", jsonText(arguments.option(VARIABLES, null), VARIABLES));
        putText(request, "context", jsonText(arguments.option(CONTEXT, null), CONTEXT));
        putText(request, "roleArn", arguments.option(ROLE_ARN, null));
        request.put("inspectionLevel", arguments.option(INSPECTION_LEVEL, "DEBUG"));
        if (arguments.has(REVEAL_SECRETS)) {
            request.put("revealSecrets", true);
        }
        putObject(request, "mock", arguments.option(MOCK, null), MOCK);
        JsonNode result = request.path("mock").get("result");
        if (result != null && !result.isTextual()) {
            // The API takes the mocked result as JSON text; on the command line a JSON value is easier to write.
            ((ObjectNode) request.get("mock")).put("result", Json.write(result));
        }
        putObject(request, "stateConfiguration", arguments.option(STATE_CONFIGURATION, null), STATE_CONFIGURATION);
        if (!request.has("roleArn") && !request.has("mock")) {
            // A Task without a mock calls its service, which AWS does only with a role; locally any role will do.
            request.put("roleArn", LocalAccount.ROLE_ARN);
        }
        Clock clock = Clock.systemUTC();
        String configFile = arguments.option(CONFIG, null);
        ConfiguredIntegrations integrations;
        try {
            StepwiseConfig config = (configFile == null ? StepwiseConfig.empty()
                    : StepwiseConfig.load(Path.of(configFile)))
                    .withFunctions(RunCommand.functionSources(arguments.options(FUNCTION)));
            integrations = ConfiguredIntegrations.of(config, err);
        } catch (IllegalArgumentException e) {
            throw CliError.input(e.getMessage());
        }
        ObjectNode response;
        try (integrations) {
            response = new TestStateOperations(clock, new Arns(LocalAccount.REGION, LocalAccount.ACCOUNT),
                    new SdkModelShapes(), integrations).testState(request);
        } catch (ApiException e) {
            err.println("stepwise: " + e.code() + ": " + e.getMessage());
            return StepwiseCli.EXIT_USAGE;
        }
        out.println(StepwiseCli.prettyJson(readable(response)));
        return "FAILED".equals(response.path("status").asText()) ? StepwiseCli.EXIT_FAILED : StepwiseCli.EXIT_OK;
    }

    /** The answer with its JSON texts (output, inspection data) shown as JSON rather than as quoted strings. */
    private static ObjectNode readable(ObjectNode response) {
        ObjectNode shown = response.deepCopy();
        if (shown.has("output")) {
            shown.set("output", Json.parse(shown.get("output").asText()));
        }
        JsonNode inspection = shown.get("inspectionData");
        if (inspection instanceof ObjectNode data) {
            data.fieldNames().forEachRemaining(name -> {
                JsonNode value = data.get(name);
                if (value.isTextual()) {
                    data.set(name, Json.parse(value.asText()));
                }
            });
        }
        return shown;
    }

    /** A JSON option: JSON text or {@code @file}, checked up front. */
    private static String jsonText(String option, String name) {
        if (option == null) {
            return null;
        }
        String text = option.startsWith("@") ? CliFiles.read(option.substring(1)) : option;
        try {
            Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw CliError.input(name + " is not valid JSON: " + e.getMessage());
        }
        return text;
    }

    private static void putObject(ObjectNode request, String member, String option, String name) {
        String text = jsonText(option, name);
        if (text != null) {
            JsonNode value = Json.parse(text);
            if (!value.isObject()) {
                throw CliError.input(name + " must be a JSON object");
            }
            request.set(member, value);
        }
    }

    private static void putText(ObjectNode request, String member, String value) {
        if (value != null) {
            request.put(member, value);
        }
    }
}
