package io.stepwise.api;

import static io.stepwise.api.ApiFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Activities and GetActivityTask over the activity queue port. */
class ActivityApiTest {
    private final ApiFixture api = new ApiFixture();

    private String activityTask(String activityArn) {
        return """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(activityArn);
    }

    @Test
    void createIsIdempotentAndDescribeListAndDeleteSeeTheActivity() {
        String arn = api.call("CreateActivity", request("name", "work")).get("activityArn").asText();

        assertThat(arn).isEqualTo("arn:aws:states:us-east-1:123456789012:activity:work");
        assertThat(api.call("CreateActivity", request("name", "work")).get("activityArn").asText()).isEqualTo(arn);
        assertThat(api.call("DescribeActivity", request("activityArn", arn)).get("name").asText()).isEqualTo("work");
        assertThat(api.call("ListActivities", "{}").get("activities")).hasSize(1);

        api.call("DeleteActivity", request("activityArn", arn));

        assertThat(api.error("DescribeActivity", request("activityArn", arn)).code())
                .isEqualTo("ActivityDoesNotExist");
    }

    @Test
    void aWorkerGetsTheTaskIsRecordedAsStartedAndAnswersIt() {
        String activity = api.call("CreateActivity", request("name", "work")).get("activityArn").asText();
        String execution = api.start(api.createMachine("m", activityTask(activity)), "e1", "{\"job\":7}");
        api.drain();

        ObjectNode task = api.call("GetActivityTask", request("activityArn", activity, "workerName", "w1"));
        api.call("SendTaskSuccess", request("taskToken", task.get("taskToken").asText(), "output", "{\"done\":7}"));

        assertThat(task.get("input").asText()).isEqualTo("{\"job\":7}");
        ObjectNode described = api.describe(execution);
        assertThat(described.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(described.get("output").asText()).isEqualTo("{\"done\":7}");
        List<String> types = new ArrayList<>();
        for (JsonNode event : api.call("GetExecutionHistory", request("executionArn", execution)).get("events")) {
            types.add(event.get("type").asText());
            if (event.get("type").asText().equals("ActivityStarted")) {
                assertThat(event.get("activityStartedEventDetails").get("workerName").asText()).isEqualTo("w1");
            }
        }
        assertThat(types).containsSubsequence("ActivityScheduled", "ActivityStarted", "ActivitySucceeded");
    }

    @Test
    void aTaskWhoseExecutionStoppedIsSkippedForTheNextOne() {
        String activity = api.call("CreateActivity", request("name", "work")).get("activityArn").asText();
        String machine = api.createMachine("m", activityTask(activity));
        String stopped = api.start(machine, "stopped", "{\"n\":1}");
        api.drain();
        api.call("StopExecution", request("executionArn", stopped));
        api.start(machine, "live", "{\"n\":2}");
        api.drain();

        ObjectNode task = api.call("GetActivityTask", request("activityArn", activity));

        assertThat(task.get("input").asText()).isEqualTo("{\"n\":2}");
    }

    @Test
    void anUnknownActivityCannotBePolled() {
        assertThat(api.error("GetActivityTask", request("activityArn",
                "arn:aws:states:us-east-1:123456789012:activity:nope")).code()).isEqualTo("ActivityDoesNotExist");
    }
}
