package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Walks AWS's Step Functions service model (botocore's {@code service-2.json}, as vendored in shared-engine) and
 * holds the server to it: every member constraint of every operation's input is enforced with AWS's code and
 * message form, and every error an operation answers is one the model declares for it. Requests go over the wire
 * as any AWS JSON 1.0 client sends them, since most violating requests are ones a typed SDK call cannot express.
 */
class ServiceModelContractTest extends ApiServerTest {
    private static final JsonNode MODEL = model();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PASS = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:";
    /** Errors the AWS JSON protocol may answer to any operation, besides those the operation declares. */
    private static final Set<String> COMMON = Set.of("InternalFailure", "ServiceUnavailable", "ThrottlingException",
            "AccessDeniedException", "UnrecognizedClientException");

    private final HttpClient http = HttpClient.newHttpClient();

    private static JsonNode model() {
        try (InputStream in = ServiceModelContractTest.class
                .getResourceAsStream("/io/stepwise/api/stepfunctions-2016-11-23.service-2.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyOperationOfTheModelIsServedTheMapRunOperationsIncluded() {
        List<String> unserved = new ArrayList<>();
        for (String operation : operations()) {
            if (post(operation, valid(operation)).path("__type").asText().equals("UnknownOperationException")) {
                unserved.add(operation);
            }
        }
        assertThat(unserved).as("operations the constraint walk would skip").isEmpty();
    }

    @Test
    void everyMemberConstraintOfEveryOperationIsAnsweredAsAwsDoes() {
        SoftAssertions softly = new SoftAssertions();
        int checked = 0;
        for (String operation : operations()) {
            String input = MODEL.path("operations").path(operation).path("input").path("shape").asText(null);
            // An operation the server does not serve yet is left out until it does (none now: see below).
            if (input == null || post(operation, valid(operation)).path("__type").asText()
                    .equals("UnknownOperationException")) {
                continue;
            }
            for (Violation violation : violations(input)) {
                JsonNode answer = post(operation, violation.request());
                softly.assertThat(answer.path("__type").asText()).as(operation + " " + violation)
                        .isEqualTo("ValidationException");
                // A value may break two constraints at once (an empty name, its length and its pattern): AWS lists both.
                softly.assertThat(answer.path("message").asText()).as(operation + " " + violation)
                        .matches("(1 validation error|[2-9] validation errors) detected: Value.*")
                        .contains(violation.expected());
                checked++;
            }
        }
        softly.assertAll();
        assertThat(checked).as("constraints checked").isGreaterThan(100);
    }

    @Test
    void severalViolationsAreReportedTogether() {
        ObjectNode request = valid("ListExecutions").put("maxResults", 1001).put("statusFilter", "DONE");

        assertThat(post("ListExecutions", request).path("message").asText())
                .startsWith("2 validation errors detected: Value '");
    }

    @Test
    void everyErrorAnOperationAnswersIsOneItsModelDeclares() {
        String machine = createMachine("m", PASS);
        String version = sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine)).stateMachineVersionArn();
        String alias = sfn.createStateMachineAlias(b -> b.name("live").routingConfiguration(r -> r
                .stateMachineVersionArn(version).weight(100))).stateMachineAliasArn();
        List<Map<String, String>> worlds = List.of(
                // nothing of these exists
                Map.of("stateMachineArn", MACHINE + "missing", "stateMachineVersionArn", MACHINE + "missing:1",
                        "stateMachineAliasArn", MACHINE + "missing:live",
                        "executionArn", "arn:aws:states:us-east-1:123456789012:execution:missing:e",
                        "activityArn", "arn:aws:states:us-east-1:123456789012:activity:missing",
                        "resourceArn", MACHINE + "missing",
                        "mapRunArn", "arn:aws:states:us-east-1:123456789012:mapRun:missing/m:1"),
                // ARNs of the wrong kind
                Map.of("stateMachineArn", "arn:aws:states:us-east-1:123456789012:activity:a",
                        "stateMachineVersionArn", machine, "stateMachineAliasArn", version,
                        "executionArn", machine, "activityArn", machine, "resourceArn", "arn:aws:iam::1:role/r",
                        "mapRunArn", machine),
                // the machine, its version and alias exist
                Map.of("stateMachineArn", machine, "stateMachineVersionArn", version, "stateMachineAliasArn", alias,
                        "executionArn", machine.replace(":stateMachine:", ":execution:") + ":missing",
                        "activityArn", "arn:aws:states:us-east-1:123456789012:activity:missing",
                        "resourceArn", alias, "mapRunArn", "arn:aws:states:us-east-1:123456789012:mapRun:m/x:1"));
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, String> world : worlds) {
            for (String operation : operations()) {
                ObjectNode request = valid(operation);
                world.forEach((member, value) -> {
                    if (request.has(member)) {
                        request.put(member, value);
                    }
                });
                check(softly, operation, request);
            }
        }
        check(softly, "UpdateStateMachineAlias", NODES.objectNode().put("stateMachineAliasArn", alias));
        ObjectNode missingVersion = NODES.objectNode().put("name", "other");
        missingVersion.putArray("routingConfiguration").addObject()
                .put("stateMachineVersionArn", MACHINE + "missing:1").put("weight", 100);
        check(softly, "CreateStateMachineAlias", missingVersion);
        softly.assertAll();
    }

    private void check(SoftAssertions softly, String operation, ObjectNode request) {
        JsonNode answer = post(operation, request);
        String code = answer.path("__type").asText(null);
        // An operation the server does not serve yet (the Map Run operations) has no errors to check.
        if (code != null && !code.equals("UnknownOperationException")) {
            Set<String> declared = new HashSet<>(COMMON);
            MODEL.path("operations").path(operation).path("errors").forEach(e -> declared.add(e.path("shape").asText()));
            // The model's own constraint violations are answered so for every operation, declared or not.
            if (code.equals("ValidationException")
                    && answer.path("message").asText().matches("\\d+ validation errors? detected: .*")) {
                return;
            }
            softly.assertThat(declared).as(operation + " " + request + " answered " + answer).contains(code);
        }
    }

    private List<String> operations() {
        List<String> operations = new ArrayList<>();
        MODEL.path("operations").fieldNames().forEachRemaining(operations::add);
        return operations;
    }

    /** One request that breaks exactly one constraint, and what AWS says about it. */
    private record Violation(ObjectNode request, String path, String constraint, boolean sensitive) {
        /** Sensitive values are never echoed: "Value at 'input'"; others are, or "Value null" for a missing one. */
        String expected() {
            String value = sensitive ? "Value" : constraint.endsWith("not be null") ? "Value null" : "'";
            return value + " at '" + path + "' failed to satisfy constraint: " + constraint;
        }

        @Override
        public String toString() {
            return path + ": " + constraint;
        }
    }

    /** A request for {@code operation} that satisfies every constraint: required members only, smallest values. */
    private static ObjectNode valid(String operation) {
        return (ObjectNode) validShape(MODEL.path("operations").path(operation).path("input").path("shape").asText());
    }

    private static JsonNode validShape(String shapeName) {
        JsonNode shape = shape(shapeName);
        switch (shape.path("type").asText()) {
            case "structure" -> {
                ObjectNode object = NODES.objectNode();
                shape.path("required").forEach(name -> object.set(name.asText(),
                        memberValue(name.asText(), shape.path("members").path(name.asText()).path("shape").asText())));
                return object;
            }
            case "list" -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < Math.max(1, shape.path("min").asInt(0)); i++) {
                    array.add(validShape(shape.path("member").path("shape").asText()));
                }
                return array;
            }
            case "map" -> {
                return NODES.objectNode();
            }
            case "boolean" -> {
                return NODES.booleanNode(false);
            }
            case "integer", "long", "float", "double" -> {
                return NODES.numberNode(shape.path("min").asInt(0));
            }
            case "timestamp" -> {
                return NODES.numberNode(0);
            }
            default -> {
                if (shape.has("enum")) {
                    return NODES.textNode(shape.path("enum").get(0).asText());
                }
                return NODES.textNode("a");
            }
        }
    }

    private static JsonNode memberValue(String member, String shapeName) {
        return switch (member) {
            case "definition" -> NODES.textNode(PASS);
            case "roleArn" -> NODES.textNode(ROLE);
            case "name" -> NODES.textNode("n");
            case "output", "input" -> NODES.textNode("{}");
            case "taskToken" -> NODES.textNode("A".repeat(43));
            default -> member.endsWith("Arn") ? NODES.textNode(MACHINE + "missing") : validShape(shapeName);
        };
    }

    /** Every single-constraint violation reachable from {@code input}'s members, nested ones included. */
    private static List<Violation> violations(String input) {
        List<Violation> violations = new ArrayList<>();
        ObjectNode base = (ObjectNode) validShape(input);
        JsonNode shape = shape(input);
        Set<String> required = new HashSet<>();
        shape.path("required").forEach(name -> required.add(name.asText()));
        shape.path("members").fields().forEachRemaining(member -> {
            String memberShape = member.getValue().path("shape").asText();
            if (required.contains(member.getKey())) {
                ObjectNode request = base.deepCopy();
                request.remove(member.getKey());
                violations.add(new Violation(request, member.getKey(), "Member must not be null",
                        shape(memberShape).path("sensitive").asBoolean()));
            }
            for (Bad bad : bad(memberShape)) {
                ObjectNode request = base.deepCopy();
                request.set(member.getKey(), bad.value());
                violations.add(new Violation(request, member.getKey(), bad.constraint(),
                        shape(memberShape).path("sensitive").asBoolean()));
            }
            JsonNode nested = shape(memberShape);
            if (nested.path("type").asText().equals("list")
                    && shape(nested.path("member").path("shape").asText()).path("type").asText().equals("structure")) {
                String element = nested.path("member").path("shape").asText();
                shape(element).path("members").fields().forEachRemaining(inner -> {
                    for (Bad bad : bad(inner.getValue().path("shape").asText())) {
                        ObjectNode request = base.deepCopy();
                        ObjectNode item = (ObjectNode) validShape(element);
                        item.set(inner.getKey(), bad.value());
                        request.putArray(member.getKey()).add(item);
                        violations.add(new Violation(request, member.getKey() + ".1.member." + inner.getKey(),
                                bad.constraint(), shape(inner.getValue().path("shape").asText())
                                        .path("sensitive").asBoolean()));
                    }
                });
            }
        });
        return violations;
    }

    private record Bad(JsonNode value, String constraint) {
    }

    /** Values that break exactly one constraint of {@code shapeName}. Payload lengths are in bytes (see below). */
    private static List<Bad> bad(String shapeName) {
        JsonNode shape = shape(shapeName);
        List<Bad> bad = new ArrayList<>();
        String type = shape.path("type").asText();
        boolean payload = shapeName.equals("SensitiveData");
        if (type.equals("string") && !payload) {
            if (shape.path("min").asInt(0) > 0) {
                bad.add(new Bad(NODES.textNode("a".repeat(shape.path("min").asInt() - 1)),
                        "Member must have length greater than or equal to " + shape.path("min").asInt()));
            }
            if (shape.has("max")) {
                bad.add(new Bad(NODES.textNode("a".repeat(shape.path("max").asInt() + 1)),
                        "Member must have length less than or equal to " + shape.path("max").asInt()));
            }
            if (shape.has("pattern")) {
                Pattern pattern = Pattern.compile(shape.path("pattern").asText());
                for (String candidate : new String[] {"\u00e9", "1", " "}) {
                    if (!pattern.matcher(candidate).matches()) {
                        bad.add(new Bad(NODES.textNode(candidate), "Member must satisfy regular expression pattern: "
                                + shape.path("pattern").asText()));
                        break;
                    }
                }
            }
            if (shape.has("enum")) {
                bad.add(new Bad(NODES.textNode("NOT_IN_THE_SET"), "Member must satisfy enum value set: ["));
            }
        } else if (type.equals("integer") || type.equals("long") || type.equals("float") || type.equals("double")) {
            if (shape.has("min")) {
                bad.add(new Bad(NODES.numberNode(shape.path("min").asLong() - 1),
                        "Member must have value greater than or equal to " + shape.path("min").asText()));
            }
            if (shape.has("max")) {
                bad.add(new Bad(NODES.numberNode(shape.path("max").asLong() + 1),
                        "Member must have value less than or equal to " + shape.path("max").asText()));
            }
        } else if (type.equals("list")) {
            JsonNode element = validShape(shape.path("member").path("shape").asText());
            if (shape.path("min").asInt(0) > 0) {
                bad.add(new Bad(NODES.arrayNode(), "Member must have length greater than or equal to "
                        + shape.path("min").asInt()));
            }
            if (shape.has("max")) {
                ArrayNode tooMany = NODES.arrayNode();
                for (int i = 0; i <= shape.path("max").asInt(); i++) {
                    tooMany.add(element.deepCopy());
                }
                bad.add(new Bad(tooMany, "Member must have length less than or equal to " + shape.path("max").asInt()));
            }
        }
        return bad;
    }

    private static JsonNode shape(String name) {
        return MODEL.path("shapes").path(name);
    }

    private JsonNode post(String operation, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AWSStepFunctions." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        try {
            String answer = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            return answer.isEmpty() ? NODES.objectNode() : Json.parse(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
