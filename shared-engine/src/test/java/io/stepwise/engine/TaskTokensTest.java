package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.query.Json;
import org.junit.jupiter.api.Test;

/** Task tokens depend on the execution's token key, not on its seed, and replay mints them again unchanged. */
class TaskTokensTest {
    private static final Interpreter CALLBACK = new Interpreter(DefinitionParser.parse("""
            {"StartAt":"T","States":{"T":{"Type":"Task",
              "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters":{"MessageBody.$":"$$.Task.Token"},"End":true}}}"""));

    private static String token(Step step) {
        return step.commands().stream().filter(Command.InvokeTask.class::isInstance).map(Command.InvokeTask.class::cast)
                .findFirst().orElseThrow().taskToken();
    }

    @Test
    void theSeedAloneDoesNotDetermineTheToken() {
        // As StartExecution makes them: the same seed, each with a fresh key.
        ExecutionStart one = Execution.startAt(Execution.T0, "{}", 42L, null);
        ExecutionStart other = Execution.startAt(Execution.T0, "{}", 42L, null);

        assertThat(token(CALLBACK.start(one))).isNotEqualTo(token(CALLBACK.start(other)));
    }

    @Test
    void replayFromTheStoredStartMintsTheSameToken() {
        Step first = CALLBACK.start(Execution.startAt(Execution.T0, "{}", 42L, null));
        ExecutionStart stored = StateCodec.load(StateCodec.save(first.state())).start;

        assertThat(token(CALLBACK.start(stored))).isEqualTo(token(first)).hasSize(43);
        assertThat(stored.toString()).doesNotContain(stored.tokenKey()).doesNotContain("42");
    }

    @Test
    void aStateStoredBeforeTokenKeysGetsAKeyOfItsOwn() {
        ExecutionState state = CALLBACK.start(Execution.startAt(Execution.T0, "{}", 42L, null)).state();
        ObjectNode json = (ObjectNode) Json.parse(StateCodec.save(state));
        ((ObjectNode) json.get("start")).remove("tokenKey");

        ExecutionStart loaded = StateCodec.load(Json.write(json)).start;
        assertThat(loaded.tokenKey()).isNotBlank().isNotEqualTo(state.start.tokenKey());
        assertThat(loaded.seed()).isEqualTo(42L);
    }
}
