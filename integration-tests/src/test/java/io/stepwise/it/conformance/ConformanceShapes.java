package io.stepwise.it.conformance;

import io.stepwise.api.MockResultShapes;
import io.stepwise.integrations.SdkModelShapes;

/** The mock-result shape check both conformance runs use, the same the local server uses. */
final class ConformanceShapes {
    static final MockResultShapes MOCK_RESULT_SHAPES = new SdkModelShapes();

    private ConformanceShapes() {
    }
}
