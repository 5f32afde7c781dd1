package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * The attack that once worked: an outsider who may read an execution's history, but never polls the activity,
 * recovers the execution's random seed from two {@code $random()} outputs and computes the activity's task token
 * from it. Tokens now come from a key no output depends on, so every forged token is refused.
 */
class TaskTokenForgeryTest extends ApiServerTest {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    @Test
    void aTokenCannotBeDerivedFromRandomOutputsInTheHistory() throws Exception {
        String activity = sfn.createActivity(b -> b.name("approve")).activityArn();
        String definition = """
                {"QueryLanguage":"JSONata","StartAt":"Draw","States":{
                  "Draw":{"Type":"Pass","Output":{"a":"{% $random() %}","b":"{% $random() %}"},"Next":"Work"},
                  "Work":{"Type":"Task","Resource":"ACTIVITY","End":true}}}""".replace("ACTIVITY", activity);
        String machine = sfn.createStateMachine(b -> b.name("m").definition(definition).roleArn(ROLE))
                .stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{}")).executionArn();
        List<HistoryEvent> history = awaitActivityScheduled(execution);

        JsonNode drawn = Json.parse(history.stream().filter(e -> e.type() == HistoryEventType.PASS_STATE_EXITED)
                .findFirst().orElseThrow().stateExitedEventDetails().output());
        Set<Long> seeds = seedsBehind(drawn.path("a").doubleValue(), drawn.path("b").doubleValue());
        assertThat(seeds).as("the seed is still recoverable, so tokens must not depend on it").isNotEmpty();

        List<String> forged = new ArrayList<>();
        for (long seed : seeds) {
            for (long eventId = 1; eventId <= history.size() + 1; eventId++) {
                forged.add(seedToken(seed, execution, "root#task" + eventId));
            }
        }
        for (String token : forged) {
            try {
                sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"forged\":true}"));
            } catch (SfnException e) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TaskDoesNotExist");
            }
        }
        assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status()).isEqualTo(ExecutionStatus.RUNNING);

        // The worker that polls gets the real token, which still works.
        String token = sfn.getActivityTask(b -> b.activityArn(activity)).taskToken();
        assertThat(forged).doesNotContain(token);
        sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"approved\":true}"));
        assertThat(Await.end(sfn, execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    private List<HistoryEvent> awaitActivityScheduled(String execution) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
            if (events.stream().anyMatch(e -> e.type() == HistoryEventType.ACTIVITY_SCHEDULED)) {
                return events;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the activity was never scheduled");
    }

    /**
     * The execution seeds for which the engine's generator ({@code new SplittableRandom(seed * GOLDEN_GAMMA + draw)},
     * one per evaluation) yields {@code first} then {@code second}: a double keeps 53 of the 64 bits of
     * SplittableRandom's output, whose mixing function is invertible, so 2,048 guesses and one check suffice.
     */
    private static Set<Long> seedsBehind(double first, double second) {
        Set<Long> seeds = new LinkedHashSet<>();
        long high = (long) (first * 0x1.0p53) << 11;
        for (long low = 0; low < 2048; low++) {
            long state = unmix64(high | low) - GOLDEN_GAMMA;
            SplittableRandom replay = new SplittableRandom(state);
            if (replay.nextDouble() == first && replay.nextDouble() == second) {
                for (long draw = 0; draw < 4; draw++) {
                    seeds.add((state - draw) * inverse(GOLDEN_GAMMA));
                }
            }
        }
        return seeds;
    }

    private static long unmix64(long z) {
        z = z ^ (z >>> 31) ^ (z >>> 62);
        z *= inverse(0x94d049bb133111ebL);
        z = z ^ (z >>> 27) ^ (z >>> 54);
        z *= inverse(0xbf58476d1ce4e5b9L);
        return z ^ (z >>> 30) ^ (z >>> 60);
    }

    /** The multiplicative inverse of an odd number modulo 2^64, by Newton's iteration. */
    private static long inverse(long odd) {
        long x = odd;
        for (int i = 0; i < 6; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    /** How tokens used to be made: SHA-256 over the execution's seed, its ARN and the task's reference. */
    private static String seedToken(long seed, String executionArn, String ref) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(ByteBuffer.allocate(8).putLong(seed).array());
        digest.update(executionArn.getBytes(StandardCharsets.UTF_8));
        digest.update(ref.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest());
    }
}
