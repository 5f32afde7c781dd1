package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.State;
import io.stepwise.asl.TaskState;
import io.stepwise.engine.StateTest;
import io.stepwise.engine.StateTestResult;
import io.stepwise.engine.StateTester;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.query.Json;
import io.stepwise.runtime.UnknownResource;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * TestState: runs one state of a definition ({@code definition} is a single state, or a state machine with
 * {@code stateName}) with {@link StateTester}, checking the request the way AWS does first. A single state is
 * tested as the state {@code StateName} of a machine of its own, which is also the name AWS puts in
 * {@code $$.State.Name} and in the locations of definition errors.
 */
public final class TestStateOperations {
    static final String SINGLE_STATE_NAME = "StateName";
    /** The {@code inspectionData} members that are numbers or objects; the others are JSON texts. */
    private static final Set<String> VALUE_MEMBERS = Set.of("maxConcurrency", "toleratedFailureCount",
            "toleratedFailurePercentage", "errorDetails", "request", "response");
    /** The {@code inspectionData} members only TRACE shows: the HTTP Task's request and response. */
    private static final Set<String> TRACE_MEMBERS = Set.of("request", "response");
    private static final List<String> INSPECTION_LEVELS = List.of("INFO", "DEBUG", "TRACE");
    private static final List<String> FIELD_VALIDATION_MODES = List.of("STRICT", "PRESENT", "NONE");
    private static final String MOCK_SCHEMA_ERROR = "Mock result schema validation error: ";

    private final Clock clock;
    private final Arns arns;
    private final MockResultShapes shapes;
    private final IntegrationRegistry integrations;

    /**
     * @param clock the time of the tested state's context object
     * @param arns the region and account of the context object's ARNs where the request names none
     * @param integrations what a Task state without a mock calls (a resource it does not serve fails as in an
     *     execution)
     */
    public TestStateOperations(Clock clock, Arns arns, MockResultShapes shapes, IntegrationRegistry integrations) {
        this.clock = clock;
        this.arns = arns;
        this.shapes = shapes;
        this.integrations = resource -> integrations.find(resource).or(() -> Optional.of(request ->
                new TaskOutcome.Failed(UnknownResource.error(resource), UnknownResource.cause(resource))));
    }

    void register(Map<String, Operation> operations) {
        operations.put("TestState", this::answer);
    }

    /**
     * Answers a TestState request body with the response body (for callers without a whole API service, such as
     * the CLI).
     *
     * @throws ApiException for a request AWS rejects, with AWS's code and message
     */
    public ObjectNode testState(ObjectNode body) {
        return answer(new ApiRequest(body, arns));
    }

    private ObjectNode answer(ApiRequest request) {
        String inspectionLevel = request.optional("inspectionLevel", "INFO");
        oneOf(inspectionLevel, "inspectionLevel", INSPECTION_LEVELS);
        JsonNode mode = request.node("mock") == null ? null : request.node("mock").get("fieldValidationMode");
        if (mode != null && !mode.isNull()) {
            oneOf(mode.asText(), "mock.fieldValidationMode", FIELD_VALIDATION_MODES);
        }
        JsonNode configurationNode = request.node("stateConfiguration");
        for (String count : List.of("retrierRetryCount", "mapIterationFailureCount")) {
            JsonNode value = configurationNode == null ? null : configurationNode.get(count);
            if (value != null && value.isNumber() && value.asLong() < 0) {
                throw validation("1 validation error detected: Value '" + value.asLong() + "' at 'stateConfiguration."
                        + count + "' failed to satisfy constraint: Member must have value greater than or equal to 0");
            }
        }
        String stateName = request.optional("stateName");
        if (stateName != null && (stateName.isEmpty() || stateName.length() > 80)) {
            throw validation("1 validation error detected: Value '" + stateName + "' at 'stateName' failed to satisfy "
                    + "constraint: Member must have length " + (stateName.isEmpty() ? "greater than or equal to 1"
                    : "less than or equal to 80"));
        }
        TestStateDefinition definition = TestStateDefinition.of(request.required("definition"), stateName);
        State state = definition.state();
        JsonNode mockNode = request.node("mock");
        boolean mocked = mockNode != null && mockNode.isObject();
        if (mocked && mockNode.has("result") && mockNode.has("errorOutput")) {
            throw validation("A test mock should have only one of the following fields: [result, errorOutput].");
        }
        boolean childrenState = state instanceof MapState || state instanceof ParallelState;
        if (mocked && !(state instanceof TaskState) && !childrenState) {
            throw validation("State type '" + state.common().type() + "' is not supported when a mock is specified");
        }
        if (!mocked && childrenState) {
            throw ApiException.of("InvalidDefinition", "TestState API does not support Map or Parallel states. "
                    + "Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]");
        }
        String roleArn = request.optional("roleArn");
        if (!mocked && state instanceof TaskState && roleArn == null) {
            throw validation("RoleArn must be specified when testing a Task state");
        }
        StateTest.Mock mock = mocked ? mock(state, mockNode) : null;
        JsonNode input = json(request.optional("input", "{}"), "input");
        JsonNode variables = request.optional("variables") == null ? null : json(request.optional("variables"), "variables");
        String contextText = request.optional("context");
        JsonNode context = contextText == null ? defaultContext(state, input, roleArn, request.arns())
                : TestStateContext.validate(json(contextText, "context"));
        StateTest test = new StateTest(state, definition.fields(), input,
                variables instanceof ObjectNode object ? object : null, context, mock, configuration(request.node("stateConfiguration")), integrations, roleArn,
                revealSecrets(request));
        StateTestResult result = StateTester.run(test);
        return response(result, inspectionLevel);
    }

    /**
     * {@code revealSecrets}: AWS documents no error for it below TRACE (it then has nothing to reveal) and needs the
     * caller to hold {@code states:RevealSecrets}, which Stepwise, with no IAM of its own, does not check.
     */
    private static boolean revealSecrets(ApiRequest request) {
        JsonNode reveal = request.node("revealSecrets");
        return reveal != null && reveal.asBoolean(false);
    }

    /** AWS's wording for a member outside its enum (the values in the order of the service model). */
    private static void oneOf(String value, String member, List<String> values) {
        if (!values.contains(value)) {
            throw validation("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy enum value set: [" + String.join(", ", values)
                    + "]");
        }
    }

    private StateTest.Mock mock(State state, JsonNode mockNode) {
        JsonNode errorOutput = mockNode.get("errorOutput");
        if (errorOutput != null && errorOutput.isObject()) {
            return StateTest.Mock.ofError(text(errorOutput.get("error")), text(errorOutput.get("cause")));
        }
        JsonNode resultText = mockNode.get("result");
        JsonNode result;
        try {
            result = resultText == null || !resultText.isTextual() ? null : Json.parse(resultText.asText());
        } catch (IllegalArgumentException e) {
            result = null;
        }
        if (result == null) {
            throw validation("Mocked result must be valid JSON");
        }
        if (state instanceof ParallelState parallel) {
            if (!result.isArray()) {
                throw validation("Mocked result must be an array.");
            }
            if (result.size() != parallel.branches().size()) {
                throw validation("Mocked result must contain the same number of items as number of Parallel branches.");
            }
        } else if (state instanceof MapState map) {
            if (map.resultWriter() != null && !result.isObject()) {
                throw validation("Mocked result must be a JSON object.");
            }
            if (map.resultWriter() == null && !result.isArray()) {
                throw validation("Mocked result must be an array.");
            }
        } else if (state instanceof TaskState task) {
            String mode = text(mockNode.get("fieldValidationMode"));
            if (!"NONE".equals(mode)) {
                shapes.violation(task.resource(), result, !"PRESENT".equals(mode)).ifPresent(message -> {
                    throw validation(MOCK_SCHEMA_ERROR + message);
                });
            }
        }
        return StateTest.Mock.ofResult(result);
    }

    private static StateTest.Configuration configuration(JsonNode node) {
        if (node == null || !node.isObject()) {
            return StateTest.Configuration.NONE;
        }
        JsonNode readerData = null;
        if (node.hasNonNull("mapItemReaderData")) {
            readerData = json(node.get("mapItemReaderData").asText(), "mapItemReaderData");
        }
        return new StateTest.Configuration(node.path("retrierRetryCount").asInt(0),
                node.path("mapIterationFailureCount").asInt(0), readerData);
    }

    /**
     * The context object AWS gives a tested state: an Express execution of a machine of its own, started now,
     * with the request's role ({@code null} without one); {@code State.RetryCount} for the states that retry.
     */
    private JsonNode defaultContext(State state, JsonNode input, String roleArn, Arns arns) {
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        String machine = UUID.randomUUID().toString();
        String execution = UUID.randomUUID().toString();
        ObjectNode context = Json.MAPPER.createObjectNode();
        ObjectNode exec = context.putObject("Execution");
        exec.put("Id", arns.prefix() + "express:" + machine + ":" + execution);
        exec.set("Input", input);
        exec.put("Name", execution);
        exec.put("RoleArn", roleArn);
        exec.put("StartTime", now);
        ObjectNode stateMachine = context.putObject("StateMachine");
        stateMachine.put("Id", arns.stateMachine(machine));
        stateMachine.put("Name", machine);
        ObjectNode stateNode = context.putObject("State");
        stateNode.put("Name", SINGLE_STATE_NAME);
        stateNode.put("EnteredTime", now);
        if (state instanceof TaskState || state instanceof MapState || state instanceof ParallelState) {
            stateNode.put("RetryCount", 0);
        }
        if (state instanceof TaskState task && task.resource().endsWith(".waitForTaskToken")) {
            context.putObject("Task").put("Token", UUID.randomUUID().toString());
        }
        return context;
    }

    private static ObjectNode response(StateTestResult result, String inspectionLevel) {
        ObjectNode body = WireJson.object();
        if (result.output() != null) {
            body.put("output", Json.write(result.output()));
        }
        WireJson.putIfPresent(body, "error", result.error());
        WireJson.putIfPresent(body, "cause", result.cause());
        if (!"INFO".equals(inspectionLevel)) {
            ObjectNode inspection = body.putObject("inspectionData");
            for (Iterator<Map.Entry<String, JsonNode>> it = result.inspectionData().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                JsonNode value = member.getValue();
                if (TRACE_MEMBERS.contains(member.getKey()) && !"TRACE".equals(inspectionLevel)) {
                    continue;
                }
                if (VALUE_MEMBERS.contains(member.getKey())) {
                    inspection.set(member.getKey(), value);
                } else {
                    inspection.put(member.getKey(), Json.write(value));
                }
            }
        }
        WireJson.putIfPresent(body, "nextState", result.nextState());
        body.put("status", result.status());
        return body;
    }

    static JsonNode json(String text, String member) {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.of("InvalidExecutionInput", "Invalid " + member + ": '" + text + "' is not JSON");
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    static ApiException validation(String message) {
        return ApiException.of("ValidationException", message);
    }
}
