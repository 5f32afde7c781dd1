package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.query.Json;
import org.junit.jupiter.api.Test;

class RequestConstraintsTest {
    private final RequestConstraints constraints = new RequestConstraints(ServiceModel.stepFunctions());

    @Test
    void aSatisfiedRequestPasses() {
        assertThat(constraints.violations("CreateActivity", Json.parse("""
                {"name":"worker","tags":[{"key":"k","value":""}]}"""))).isEmpty();
    }

    @Test
    void oneViolationNamesTheValueTheMemberAndTheConstraint() {
        String name = "n".repeat(81);
        assertThatThrownBy(() -> constraints.check("CreateActivity", Json.parse("{\"name\":\"" + name + "\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ValidationException"))
                .hasMessage("1 validation error detected: Value '" + "n".repeat(81) + "' at 'name' failed to satisfy"
                        + " constraint: Member must have length less than or equal to 80");
    }

    @Test
    void severalViolationsAreCountedAndJoined() {
        assertThatThrownBy(() -> constraints.check("ListExecutions", Json.parse("""
                {"maxResults":1001,"statusFilter":"DONE","nextToken":""}""")))
                .hasMessage("3 validation errors detected: Value 'DONE' at 'statusFilter' failed to satisfy constraint:"
                        + " Member must satisfy enum value set: [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED,"
                        + " PENDING_REDRIVE]; Value '1001' at 'maxResults' failed to satisfy constraint: Member must"
                        + " have value less than or equal to 1000; Value '' at 'nextToken' failed to satisfy"
                        + " constraint: Member must have length greater than or equal to 1");
    }

    @Test
    void requiredMembersNestedPathsAndSensitiveValues() {
        assertThat(constraints.violations("CreateStateMachine", Json.parse("""
                {"name":"m","definition":"","tags":[{"key":"","value":"v"}]}""")))
                .containsExactly(
                        "Value at 'definition' failed to satisfy constraint: Member must have length greater than or"
                                + " equal to 1",
                        "Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
                        "Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater"
                                + " than or equal to 1");
    }

    @Test
    void patternsAreMatchedWhole() {
        assertThat(constraints.violations("CreateStateMachineAlias", Json.parse("""
                {"name":"123","routingConfiguration":[{"stateMachineVersionArn":"a","weight":100}]}""")))
                .containsExactly("Value '123' at 'name' failed to satisfy constraint: Member must satisfy regular"
                        + " expression pattern: ^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$");
    }

    @Test
    void membersOfTheWrongTypeAreLeftToTheOperation() {
        assertThat(constraints.violations("CreateActivity", Json.parse("{\"name\":7}"))).isEmpty();
    }
}
