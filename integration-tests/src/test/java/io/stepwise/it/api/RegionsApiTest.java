package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/** The region of each request's SigV4 credential scope decides its resources' ARNs, partition and visibility. */
class RegionsApiTest extends ApiServerTest {
    private static final String PASS = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";

    private SfnClient in(Region region) {
        return SfnClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION,
                        true))
                .build();
    }

    @Test
    void arnsNameTheRegionAndPartitionTheRequestWasSignedFor() throws InterruptedException {
        try (SfnClient ireland = in(Region.EU_WEST_1); SfnClient beijing = in(Region.CN_NORTH_1);
                SfnClient govCloud = in(Region.US_GOV_WEST_1); SfnClient iso = in(Region.of("us-iso-east-1"));
                SfnClient isoB = in(Region.of("us-isob-east-1"))) {
            assertThat(ireland.createStateMachine(b -> b.name("m").definition(PASS).roleArn(ROLE)).stateMachineArn())
                    .isEqualTo("arn:aws:states:eu-west-1:123456789012:stateMachine:m");
            assertThat(beijing.createStateMachine(b -> b.name("m").definition(PASS).roleArn(ROLE)).stateMachineArn())
                    .isEqualTo("arn:aws-cn:states:cn-north-1:123456789012:stateMachine:m");
            assertThat(govCloud.createActivity(b -> b.name("a")).activityArn())
                    .isEqualTo("arn:aws-us-gov:states:us-gov-west-1:123456789012:activity:a");
            assertThat(iso.createActivity(b -> b.name("a")).activityArn())
                    .isEqualTo("arn:aws-iso:states:us-iso-east-1:123456789012:activity:a");
            assertThat(isoB.createActivity(b -> b.name("a")).activityArn())
                    .isEqualTo("arn:aws-iso-b:states:us-isob-east-1:123456789012:activity:a");

            String machine = "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:m";
            String execution = beijing.startExecution(b -> b.stateMachineArn(machine).name("e")).executionArn();
            assertThat(execution).isEqualTo("arn:aws-cn:states:cn-north-1:123456789012:execution:m:e");
            assertThat(Await.end(beijing, execution).statusAsString()).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void eachRegionListsOnlyItsOwnResources() {
        try (SfnClient ireland = in(Region.EU_WEST_1)) {
            ireland.createStateMachine(b -> b.name("only-in-ireland").definition(PASS).roleArn(ROLE));
            ireland.createActivity(b -> b.name("worker-in-ireland"));
            createMachine("only-in-virginia", PASS);
            for (int i = 0; i < 3; i++) {
                int n = i;
                ireland.createStateMachine(b -> b.name("z" + n).definition(PASS).roleArn(ROLE));
            }

            assertThat(sfn.listStateMachines().stateMachines()).extracting(StateMachineListItem::name)
                    .containsExactly("only-in-virginia");
            assertThat(sfn.listActivities().activities()).isEmpty();
            assertThat(ireland.listActivities().activities()).hasSize(1);
            List<String> pagedInIreland = ireland.listStateMachinesPaginator(b -> b.maxResults(1)).stateMachines()
                    .stream().map(StateMachineListItem::name).toList();
            assertThat(pagedInIreland).containsExactly("only-in-ireland", "z0", "z1", "z2");
        }
    }

    @Test
    void machinesOfTheSameNameInTwoRegionsAreSeparate() {
        try (SfnClient ireland = in(Region.EU_WEST_1)) {
            String virginia = createMachine("same", PASS);
            String irish = ireland.createStateMachine(b -> b.name("same").definition(PASS).roleArn(ROLE)
                    .type(StateMachineType.EXPRESS)).stateMachineArn();

            assertThat(irish).isNotEqualTo(virginia);
            assertThat(ireland.describeStateMachine(b -> b.stateMachineArn(irish)).type())
                    .isEqualTo(StateMachineType.EXPRESS);
            assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(virginia)).type())
                    .isEqualTo(StateMachineType.STANDARD);
        }
    }

    @Test
    void anArnOfAnotherRegionFindsNothingHere() throws InterruptedException {
        try (SfnClient ireland = in(Region.EU_WEST_1)) {
            String machine = createMachine("here", PASS);
            String execution = sfn.startExecution(b -> b.stateMachineArn(machine).name("e")).executionArn();
            Await.end(sfn, execution);
            String activity = sfn.createActivity(b -> b.name("a")).activityArn();

            assertThatThrownBy(() -> ireland.describeStateMachine(b -> b.stateMachineArn(machine)))
                    .isInstanceOf(StateMachineDoesNotExistException.class)
                    .hasMessageStartingWith("State Machine Does Not Exist: '" + machine + "'");
            assertThatThrownBy(() -> ireland.startExecution(b -> b.stateMachineArn(machine)))
                    .isInstanceOf(StateMachineDoesNotExistException.class);
            assertThatThrownBy(() -> ireland.describeExecution(b -> b.executionArn(execution)))
                    .isInstanceOf(ExecutionDoesNotExistException.class);
            assertThatThrownBy(() -> ireland.getExecutionHistory(b -> b.executionArn(execution)))
                    .isInstanceOf(ExecutionDoesNotExistException.class);
            assertThatThrownBy(() -> ireland.describeActivity(b -> b.activityArn(activity)))
                    .isInstanceOf(ActivityDoesNotExistException.class);
            assertThatThrownBy(() -> ireland.listTagsForResource(b -> b.resourceArn(machine)))
                    .isInstanceOf(ResourceNotFoundException.class);

            ireland.deleteStateMachine(b -> b.stateMachineArn(machine));
            ireland.deleteActivity(b -> b.activityArn(activity));
            assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(machine)).name())
                    .as("a delete from another region touches nothing").isEqualTo("here");
            assertThat(sfn.describeActivity(b -> b.activityArn(activity)).name()).isEqualTo("a");
        }
    }
}
