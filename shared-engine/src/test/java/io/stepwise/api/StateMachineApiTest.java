package io.stepwise.api;

import static io.stepwise.api.ApiFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import org.junit.jupiter.api.Test;

/** State machines, their versions and aliases, and which of them an execution was started through. */
class StateMachineApiTest {
    private static final String PASS = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","Result":"v1","End":true}}}""";
    private static final String PASS_V2 = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","Result":"v2","End":true}}}""";

    private final ApiFixture api = new ApiFixture();

    /** An expression the parser could not compile is refused at creation, at its field, as AWS refuses them. */
    @Test
    void aMapRunFieldThatDoesNotCompileIsRefusedAtCreationAndByValidation() {
        String definition = """
                {"StartAt":"M","States":{"M":{"Type":"Map","End":true,
                  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"MaxItemsPath":"$.a[?(@.b)]"},
                    "Parameters":{"Bucket":"b","Key":"k"}},
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                    "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}""";

        ApiException refused = api.error("CreateStateMachine", request("name", "m", "definition", definition,
                "roleArn", ApiFixture.ROLE));
        ObjectNode validated = api.call("ValidateStateMachineDefinition", request("definition", definition));

        assertThat(refused.code()).isEqualTo("InvalidDefinition");
        assertThat(refused.getMessage()).isEqualTo("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: "
                + "Value is not a valid reference path at /States/M/ItemReader/ReaderConfig/MaxItemsPath'");
        assertThat(validated.get("result").asText()).isEqualTo("FAIL");
        assertThat(validated.get("diagnostics").get(0).get("location").asText())
                .isEqualTo("/States/M/ItemReader/ReaderConfig/MaxItemsPath");
    }

    @Test
    void createDescribeUpdateAndDelete() {
        String arn = api.createMachine("m", PASS);

        ObjectNode described = api.call("DescribeStateMachine", request("stateMachineArn", arn));
        assertThat(described.get("name").asText()).isEqualTo("m");
        assertThat(described.get("definition").asText()).isEqualTo(PASS);
        assertThat(described.get("type").asText()).isEqualTo("STANDARD");
        assertThat(api.error("CreateStateMachine", request("name", "m", "definition", PASS_V2, "roleArn",
                ApiFixture.ROLE)).code()).as("same name, other definition").isEqualTo("StateMachineAlreadyExists");
        assertThat(api.error("CreateStateMachine", request("name", "bad", "definition", "{}", "roleArn",
                ApiFixture.ROLE)).code()).isEqualTo("InvalidDefinition");

        api.call("UpdateStateMachine", request("stateMachineArn", arn, "definition", PASS_V2));
        assertThat(api.call("DescribeStateMachine", request("stateMachineArn", arn)).get("definition").asText())
                .isEqualTo(PASS_V2);
        assertThat(api.call("ListStateMachines", "{}").get("stateMachines")).hasSize(1);

        api.call("DeleteStateMachine", request("stateMachineArn", arn));
        assertThat(api.error("DescribeStateMachine", request("stateMachineArn", arn)).code())
                .isEqualTo("StateMachineDoesNotExist");
    }

    @Test
    void anExecutionStartedThroughAnAliasRunsItsVersionAndNamesBoth() {
        String machine = api.createMachine("m", PASS);
        String v1 = api.call("PublishStateMachineVersion", request("stateMachineArn", machine))
                .get("stateMachineVersionArn").asText();
        api.call("UpdateStateMachine", request("stateMachineArn", machine, "definition", PASS_V2));
        ArrayNode routes = Json.MAPPER.createArrayNode();
        routes.addObject().put("stateMachineVersionArn", v1).put("weight", 100);
        String alias = api.call("CreateStateMachineAlias", request("name", "live", "routingConfiguration", routes))
                .get("stateMachineAliasArn").asText();

        String throughAlias = api.start(alias, "a", "{}");
        String latest = api.start(machine, "b", "{}");

        assertThat(v1).isEqualTo(machine + ":1");
        ObjectNode described = api.describe(throughAlias);
        assertThat(described.get("output").asText()).isEqualTo("\"v1\"");
        assertThat(described.get("stateMachineVersionArn").asText()).isEqualTo(v1);
        assertThat(described.get("stateMachineAliasArn").asText()).isEqualTo(alias);
        assertThat(api.describe(latest).get("output").asText()).isEqualTo("\"v2\"");
        assertThat(api.describe(latest).has("stateMachineVersionArn")).isFalse();
    }
}
