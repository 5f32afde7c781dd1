package io.stepwise.local.config;

import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.local.config.MockConfig.MockedResponse;
import io.stepwise.query.StatesErrors;
import io.stepwise.runtime.UnknownResource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers the mocked states of executions started with a test case from the mock configuration, attempt by
 * attempt, and sends every other task to the real integrations. Test-case bindings and attempt counts live in
 * memory: an execution that outlives a server restart calls the real integrations afterwards.
 */
public final class MockedIntegrations implements IntegrationRegistry {
    private final MockConfig config;
    private final IntegrationRegistry real;
    /** execution ARN → state name → mocked response. */
    private final Map<String, Map<String, MockedResponse>> mocksByExecution = new ConcurrentHashMap<>();
    /** {@code <execution ARN> <state name>} → calls so far, which is the retry attempt of the next call. */
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();

    public MockedIntegrations(MockConfig config, IntegrationRegistry real) {
        this.config = config;
        this.real = real;
    }

    /** Binds the execution to the test case; returns {@code false} when no such test case is configured. */
    public boolean select(String executionArn, String stateMachineName, String testCase) {
        Optional<Map<String, MockedResponse>> mocks = config.testCase(stateMachineName, testCase);
        mocks.ifPresent(states -> mocksByExecution.put(executionArn, states));
        return mocks.isPresent();
    }

    @Override
    public Optional<Integration> find(String resource) {
        Optional<Integration> integration = real.find(resource);
        return Optional.of(request -> {
            MockedResponse mock = mocksByExecution.getOrDefault(request.executionArn(), Map.of())
                    .get(request.stateName());
            if (mock != null) {
                return mocked(mock, request);
            }
            return integration.map(i -> i.invoke(request)).orElseGet(() ->
                    new TaskOutcome.Failed(UnknownResource.error(resource), UnknownResource.cause(resource)));
        });
    }

    /** Step Functions Local fails the task with {@code States.Runtime} when the attempt has no entry. */
    private TaskOutcome mocked(MockedResponse mock, TaskRequest request) {
        int attempt = calls.merge(request.executionArn() + " " + request.stateName(), 1, Integer::sum) - 1;
        return mock.attempt(attempt).orElseGet(() -> new TaskOutcome.Failed(StatesErrors.RUNTIME,
                "The mocked response for state '" + request.stateName() + "' has no entry for attempt " + attempt));
    }
}
