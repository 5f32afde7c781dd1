package io.stepwise.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.api.ApiException;
import io.stepwise.api.Arns;
import io.stepwise.api.Backend;
import io.stepwise.api.StepFunctionsService;
import io.stepwise.api.StartHook;
import io.stepwise.query.Json;
import java.time.Clock;

/** Runs a recorded TestState call through the API service in memory, with no server and no store. */
final class InMemoryTestState {
    /** TestState needs no store or runner: only the clock and the ARN scheme of the backend. */
    private static final StepFunctionsService SERVICE = new StepFunctionsService(new Backend(null, null, null, null,
            null, null, null, null, Clock.systemUTC(), new Arns(Normalizer.REGION, Normalizer.ACCOUNT), StartHook.NONE),
            ConformanceShapes.MOCK_RESULT_SHAPES);

    private InMemoryTestState() {
    }

    /** Null when the case matches, else the first difference. */
    static String run(JsonNode testCase) {
        JsonNode response;
        try {
            response = SERVICE.handle("TestState", Json.write(TestStateCases.requestBody(testCase)));
        } catch (ApiException e) {
            return TestStateCases.compareError(testCase, e.code(), e.getMessage(), e.httpStatus());
        }
        return TestStateCases.compareResult(testCase, response);
    }
}
