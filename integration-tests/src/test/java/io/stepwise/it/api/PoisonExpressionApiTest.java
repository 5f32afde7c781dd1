package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/**
 * Expressions and payloads built to stall or crash the server fail the one request or execution they are in,
 * the way AWS words such failures, while other executions carry on.
 */
class PoisonExpressionApiTest extends ApiServerTest {
    private static final String PAD = "{% $pad('x', 100000000) %}";
    private static final String REGEX = "{% $contains('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', /(.*a){14}b/) %}";

    private static String passWithOutput(String output) {
        return """
                {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"%s","End":true}}}"""
                .formatted(output);
    }

    @Test
    void aPoisonExpressionFailsItsSyncExecutionWhileAnotherCompletes() {
        String poison = createMachine("poison", StateMachineType.EXPRESS, passWithOutput(PAD));
        String regex = createMachine("regex", StateMachineType.EXPRESS, passWithOutput(REGEX));
        String healthy =
                createMachine("healthy", StateMachineType.EXPRESS, passWithOutput("{% $states.input.n + 1 %}"));

        CompletableFuture<StartSyncExecutionResponse> padded =
                CompletableFuture.supplyAsync(() -> sfn.startSyncExecution(b -> b.stateMachineArn(poison)));
        CompletableFuture<StartSyncExecutionResponse> backtracked =
                CompletableFuture.supplyAsync(() -> sfn.startSyncExecution(b -> b.stateMachineArn(regex)));
        StartSyncExecutionResponse ok = sfn.startSyncExecution(b -> b.stateMachineArn(healthy).input("{\"n\":1}"));

        assertThat(ok.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(ok.output()).isEqualTo("2");
        for (StartSyncExecutionResponse failed : new StartSyncExecutionResponse[] {padded.join(), backtracked.join()}) {
            assertThat(failed.status()).isEqualTo(SyncExecutionStatus.FAILED);
            assertThat(failed.error()).isEqualTo("States.QueryEvaluationError");
            assertThat(failed.cause()).contains("threw an error during evaluation. U1001: ");
        }
    }

    @Test
    void aPoisonExpressionIsCatchable() {
        String machine = createMachine("caught", StateMachineType.EXPRESS, """
                {"QueryLanguage":"JSONata","StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"%s","Arguments":{"s":"%s"},"End":true,
                       "Catch":[{"ErrorEquals":["States.QueryEvaluationError"],"Next":"Recovered",
                                 "Output":"{%% $states.errorOutput.Error %%}"}]},
                  "Recovered":{"Type":"Succeed"}}}""".formatted(LocalServer.ECHO_LAMBDA, PAD));

        StartSyncExecutionResponse result = sfn.startSyncExecution(b -> b.stateMachineArn(machine));

        assertThat(result.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo("\"States.QueryEvaluationError\"");
    }

    @Test
    void aPoisonExpressionInTheFirstStateOfAStandardExecutionFailsIt() throws InterruptedException {
        String poison = createMachine("standard-poison", StateMachineType.STANDARD, passWithOutput(PAD));
        String healthy = createMachine("standard-healthy", StateMachineType.STANDARD, passWithOutput("{% 'done' %}"));

        String failing = sfn.startExecution(b -> b.stateMachineArn(poison)).executionArn();
        String passing = sfn.startExecution(b -> b.stateMachineArn(healthy)).executionArn();

        DescribeExecutionResponse failed = Await.end(sfn, failing);
        assertThat(failed.statusAsString()).isEqualTo("FAILED");
        assertThat(failed.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(Await.end(sfn, passing).output()).isEqualTo("\"done\"");
    }

    @Test
    void aFiveThousandDeepExpressionIsAnInvalidDefinition() {
        String deep = "(".repeat(5000) + "1" + ")".repeat(5000);

        assertThatThrownBy(() -> createMachine("deep", StateMachineType.STANDARD, passWithOutput("{% " + deep + " %}")))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.getMessage())
                        .contains("INVALID_JSONATA_EXPRESSION")
                        .contains("The expression is nested too deeply"));
        assertThat(sfn.validateStateMachineDefinition(b -> b.definition(passWithOutput("{% " + deep + " %}")))
                .diagnostics()).extracting(d -> d.code()).containsExactly("INVALID_JSONATA_EXPRESSION");
    }

    @Test
    void aFiveThousandDeepInputIsAnInvalidExecutionInput() {
        String machine = createMachine("input", StateMachineType.STANDARD, passWithOutput("{% 'ok' %}"));
        String deep = "[".repeat(5000) + "]".repeat(5000);

        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).input(deep)))
                .isInstanceOf(InvalidExecutionInputException.class);
    }

    @Test
    void aFiveThousandDeepDefinitionIsAnInvalidDefinition() {
        String deep = passWithOutput("x").replace("\"x\"", "[".repeat(5000) + "]".repeat(5000));

        assertThatThrownBy(() -> createMachine("deep-json", StateMachineType.STANDARD, deep))
                .isInstanceOf(InvalidDefinitionException.class);
    }
}
