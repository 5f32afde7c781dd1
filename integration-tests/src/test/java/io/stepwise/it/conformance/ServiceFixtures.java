package io.stepwise.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.integrations.ServiceIntegrations;
import io.stepwise.runtime.MapRunIo;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.integrations.aws.AwsSettings;
import io.stepwise.it.conformance.functions.Echo;
import io.stepwise.it.conformance.functions.LargeOutput;
import io.stepwise.it.conformance.functions.RaiseCustomException;
import io.stepwise.it.conformance.functions.RaiseException;
import io.stepwise.it.conformance.functions.ReturnConstant;
import io.stepwise.it.conformance.functions.ReturnDecoratedInput;
import io.stepwise.it.conformance.functions.ReturnJsonStringBytes;
import io.stepwise.it.conformance.functions.SleepThenEcho;
import io.stepwise.local.lambda.LambdaFunction;
import io.stepwise.local.lambda.LambdaHandler;
import io.stepwise.local.lambda.LocalLambdaRegistry;
import io.stepwise.query.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the service-integration cases ({@code services/}) need around a run, as the conformance README's
 * "Service-integration cases" says: their Lambda functions as in-process Java handlers ({@code functions}), their
 * S3 buckets and objects and DynamoDB tables and items created on moto under names of this run, those names put
 * where the case's tokens stand, and taken back out of the results.
 *
 * <p>Lambda functions get their names up front, one per function of every case, because the registry that serves
 * them is built before the first case runs (one server serves the whole suite); buckets and tables are created per
 * run of a case, so the in-memory and server runs never share one.
 */
final class ServiceFixtures {
    private static final Map<String, Class<?>> HANDLERS = Map.of(
            "echo", Echo.class,
            "return_constant", ReturnConstant.class,
            "return_json_string_bytes", ReturnJsonStringBytes.class,
            "return_decorated_input", ReturnDecoratedInput.class,
            "raise_exception", RaiseException.class,
            "raise_custom_exception", RaiseCustomException.class,
            "large_output", LargeOutput.class,
            "sleep_then_echo", SleepThenEcho.class);
    private static ServiceFixtures shared;

    /** Short and lower-case: S3 bucket names allow neither upper case nor more than 63 characters. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Map<String, String>> functionNamesByCase = new LinkedHashMap<>();
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final AtomicInteger resources = new AtomicInteger();
    private final AwsClients clients;

    private ServiceFixtures(List<JsonNode> serviceCases, URI moto) {
        for (JsonNode testCase : serviceCases) {
            Map<String, String> names = new LinkedHashMap<>();
            for (JsonNode function : testCase.path("resources").path("lambdaFunctions")) {
                String name = "sw" + run + "fn" + String.format("%03d", functions.size());
                Class<?> handler = HANDLERS.get(function.path("behaviour").asText());
                if (handler == null) {
                    throw new IllegalArgumentException(testCase.path("id").asText() + ": no handler for behaviour "
                            + function.path("behaviour"));
                }
                functions.put(name, LambdaHandler.load(handler.getName(), ServiceFixtures.class.getClassLoader()));
                names.put(function.path("name").asText(), name);
            }
            functionNamesByCase.put(testCase.path("id").asText(), names);
        }
        clients = moto == null ? null
                : new AwsClients(new AwsSettings(Normalizer.REGION, moto, Map.of(), "testing", "testing"));
    }

    /** The fixtures of this JVM, made on first use from the cases found by {@link CasesDirectory}. */
    static synchronized ServiceFixtures shared() {
        if (shared == null) {
            List<JsonNode> cases = CasesDirectory.locateServices().map(ServiceFixtures::read).orElse(List.of());
            String moto = System.getProperty("stepwise.moto.endpoint", System.getenv("STEPWISE_MOTO_ENDPOINT"));
            shared = new ServiceFixtures(cases, moto == null || moto.isBlank() ? null : URI.create(moto));
        }
        return shared;
    }

    /** Whether {@code testCase} is a service-integration case: one that lists the resources it needs. */
    static boolean isServiceCase(JsonNode testCase) {
        return testCase.has("resources");
    }

    /**
     * The integrations of a run: the cases' Lambda functions in-process (as {@code stepwise serve} runs handlers),
     * every other service on moto (or nowhere, without moto). {@code clock} is the runtime's.
     */
    IntegrationRegistry integrations(Clock clock) {
        LocalLambdaRegistry lambdas = new LocalLambdaRegistry(functions, clock, System.err);
        IntegrationRegistry services = clients == null ? resource -> Optional.empty()
                : new ServiceIntegrations(clients, false);
        return resource -> lambdas.find(resource).or(() -> services.find(resource));
    }

    /** Where Distributed Maps read items and write results: S3 on moto, or nowhere without moto. */
    MapRunIo mapRunIo() {
        if (clients == null) {
            return MapRunIo.NONE;
        }
        ServiceIntegrations services = new ServiceIntegrations(clients, false);
        return new MapRunIo(services.itemReader(), services.resultWriter());
    }

    /**
     * Creates the resources of {@code testCase} and returns it with this run's names where its tokens stood.
     *
     * @throws CaseSkipped when the case needs moto and none is configured
     */
    Prepared prepare(JsonNode testCase) {
        JsonNode resources = testCase.path("resources");
        Map<String, String> names = new LinkedHashMap<>(functionNamesByCase.getOrDefault(testCase.path("id").asText(),
                Map.of()));
        boolean needsMoto = resources.path("s3Buckets").size() + resources.path("dynamodbTables").size() > 0;
        if (needsMoto && clients == null) {
            throw new CaseSkipped("needs moto for its S3/DynamoDB resources: set STEPWISE_MOTO_ENDPOINT");
        }
        S3Client s3 = needsMoto ? clients.client(AwsService.S3, null, null) : null;
        for (JsonNode bucket : resources.path("s3Buckets")) {
            String name = resourceName("bucket");
            s3.createBucket(b -> b.bucket(name));
            names.put(bucket.path("name").asText(), name);
        }
        for (JsonNode object : resources.path("s3Objects")) {
            String bucket = names.getOrDefault(object.path("bucket").asText(), object.path("bucket").asText());
            s3.putObject(b -> b.bucket(bucket).key(object.path("key").asText()),
                    RequestBody.fromString(object.path("body").asText()));
        }
        for (JsonNode table : resources.path("dynamodbTables")) {
            String name = resourceName("table");
            createTable(name, table);
            names.put(table.path("name").asText(), name);
        }
        ObjectNode prepared = testCase.deepCopy();
        String definition = substitute(testCase.path("definitionText").asText(), names);
        String input = substitute(testCase.path("inputText").asText(), names);
        prepared.put("definitionText", definition);
        prepared.set("definition", Json.parse(definition));
        prepared.put("inputText", input);
        Map<String, String> back = new LinkedHashMap<>();
        names.forEach((token, name) -> back.put(name, token));
        return new Prepared(prepared, back);
    }

    private String resourceName(String kind) {
        return "sw-" + run + "-" + kind + String.format("%03d", resources.incrementAndGet());
    }

    private void createTable(String name, JsonNode table) {
        DynamoDbClient dynamodb = clients.client(AwsService.DYNAMODB, null, null);
        dynamodb.createTable(b -> b.tableName(name).billingMode(table.path("billingMode").asText("PAY_PER_REQUEST"))
                .keySchema(stream(table.path("keySchema"))
                        .map(k -> KeySchemaElement.builder().attributeName(k.path("AttributeName").asText())
                                .keyType(k.path("KeyType").asText()).build()).toList())
                .attributeDefinitions(stream(table.path("attributeDefinitions"))
                        .map(d -> AttributeDefinition.builder().attributeName(d.path("AttributeName").asText())
                                .attributeType(d.path("AttributeType").asText()).build()).toList()));
        for (JsonNode item : table.path("items")) {
            dynamodb.putItem(b -> b.tableName(name).item(DynamoDbJson.item(item)));
        }
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /** Replaces every token by its name, the longest tokens first, so no token is cut by a shorter one. */
    static String substitute(String text, Map<String, String> replacements) {
        String out = text;
        for (Map.Entry<String, String> entry : replacements.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
                .toList()) {
            out = out.replace(entry.getKey(), entry.getValue());
        }
        return out;
    }

    private static List<JsonNode> read(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().map(p -> {
                try {
                    return Json.MAPPER.readTree(p.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).filter(ServiceFixtures::isServiceCase).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A case ready to run, and how to take this run's names out of its results ({@code name → token}). */
    record Prepared(JsonNode testCase, Map<String, String> names) {
    }
}
