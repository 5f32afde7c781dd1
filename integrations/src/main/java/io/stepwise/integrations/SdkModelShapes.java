package io.stepwise.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.ResourceArn;
import io.stepwise.api.MockResultShapes;
import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;

/**
 * TestState's mock result check against the AWS SDK v2 service models: the response class of the task's action
 * ({@code arn:aws:states:::sqs:sendMessage} → {@code SendMessageResponse}) read generically through its
 * {@link SdkPojo#sdkFields()}, nested structures, lists and maps included. Step Functions shows a service's answer
 * with capitalised member names ({@code ExecutionArn} for Step Functions' own {@code executionArn}); members the
 * model does not know are let through, as AWS lets them through.
 *
 * <p>The SDK's generated classes carry JSON types (timestamps and blobs are strings), enum values, and required
 * members where the SDK marks them. Lengths, numeric ranges and the required members the SDK leaves unmarked are
 * not in those classes: they are read from botocore's service model of the service where one is vendored
 * ({@link BotocoreModels}: Step Functions, KMS, Lambda), walked alongside the SDK's fields.
 */
public final class SdkModelShapes implements MockResultShapes {
    /** Step Functions' service names (optimised integrations and {@code aws-sdk:}) → the SDK's package. */
    private static final Map<String, String> PACKAGES = Map.of(
            "lambda", "lambda", "dynamodb", "dynamodb", "sqs", "sqs", "sns", "sns", "events", "eventbridge",
            "eventbridge", "eventbridge", "states", "sfn", "sfn", "sfn", "kms", "kms", "s3", "s3");
    private static final List<MarshallingType<?>> NUMBERS = List.of(MarshallingType.INTEGER, MarshallingType.LONG,
            MarshallingType.SHORT, MarshallingType.BYTE, MarshallingType.FLOAT, MarshallingType.DOUBLE,
            MarshallingType.BIG_DECIMAL);

    private final Map<String, Optional<SdkPojo>> responses = new ConcurrentHashMap<>();
    private final Map<String, Optional<BotocoreModels.Shape>> modelShapes = new ConcurrentHashMap<>();

    @Override
    public Optional<String> violation(String resource, JsonNode result, boolean strict) {
        boolean awsSdk = ResourceArn.parse(resource).orElse(null) instanceof ResourceArn.ServiceIntegration service
                && service.awsSdk();
        Check check = new Check(strict, !awsSdk);
        BotocoreModels.Shape model = modelShapes.computeIfAbsent(resource, SdkModelShapes::lookUpModel).orElse(null);
        return responses.computeIfAbsent(resource, SdkModelShapes::lookUp)
                .flatMap(pojo -> check.structure(pojo, model, result));
    }

    /** The botocore output shape of {@code resource}'s action, where that service's model is vendored. */
    private static Optional<BotocoreModels.Shape> lookUpModel(String resource) {
        if (!(ResourceArn.parse(resource).orElse(null) instanceof ResourceArn.ServiceIntegration integration)
                || integration.action().contains(":") || integration.action().contains(".")) {
            return Optional.empty();
        }
        String action = integration.action();
        switch (integration.pattern()) {
            case REQUEST_RESPONSE -> {
            }
            case RUN_JOB -> {
                if (!integration.service().equals("states") || !action.equals("startExecution")) {
                    return Optional.empty();
                }
                action = "describeExecution";
            }
            case RUN_JOB_V2, WAIT_FOR_TASK_TOKEN -> {
                return Optional.empty();
            }
        }
        return BotocoreModels.output(integration.service(), action);
    }

    /** The builder of the response of {@code resource}'s action, or empty for a resource no model here covers. */
    private static Optional<SdkPojo> lookUp(String resource) {
        if (!(ResourceArn.parse(resource).orElse(null) instanceof ResourceArn.ServiceIntegration integration)
                || !PACKAGES.containsKey(integration.service()) || integration.action().contains(":")
                || integration.action().contains(".")) {
            return Optional.empty();
        }
        String action = integration.action();
        switch (integration.pattern()) {
            case REQUEST_RESPONSE -> {
            }
            // A .sync result is the service's description of the finished job, known here for Step Functions'
            // own executions only (and for .sync:2 not at all: its Output is parsed JSON, not the model's text).
            case RUN_JOB -> {
                if (!integration.service().equals("states") || !integration.action().equals("startExecution")) {
                    return Optional.empty();
                }
                action = "describeExecution";
            }
            // A .waitForTaskToken result is whatever the callback sends.
            case RUN_JOB_V2, WAIT_FOR_TASK_TOKEN -> {
                return Optional.empty();
            }
        }
        String className = "software.amazon.awssdk.services." + PACKAGES.get(integration.service()) + ".model."
                + Character.toUpperCase(action.charAt(0)) + action.substring(1) + "Response";
        try {
            Object builder = Class.forName(className).getMethod("builder").invoke(null);
            return builder instanceof SdkPojo pojo ? Optional.of(pojo) : Optional.empty();
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * One check of a mock result.
     *
     * @param strict required members must be present
     * @param decodedBlobs whether blobs appear as the JSON they hold (optimised integrations, e.g. Lambda's
     *     {@code Payload}) rather than as base64 text ({@code aws-sdk:} integrations)
     */
    private record Check(boolean strict, boolean decodedBlobs) {

        private Optional<String> structure(SdkPojo shape, BotocoreModels.Shape model, JsonNode value) {
            if (!value.isObject()) {
                return Optional.empty();
            }
            Map<String, SdkField<?>> fields = shape.sdkFields().stream()
                    .collect(Collectors.toMap(f -> capitalised(f.memberName()), f -> f, (a, b) -> a,
                            LinkedHashMap::new));
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                SdkField<?> field = fields.get(member.getKey());
                if (field == null) {
                    continue;
                }
                Optional<String> violation = member(shape, field,
                        model == null ? null : model.member(member.getKey()), member.getKey(), member.getValue());
                if (violation.isPresent()) {
                    return violation;
                }
            }
            if (strict) {
                for (Map.Entry<String, SdkField<?>> field : fields.entrySet()) {
                    boolean required = field.getValue().containsTrait(RequiredTrait.class)
                            || model != null && model.requires(field.getKey());
                    if (required && !value.has(field.getKey())) {
                        return Optional.of("Required field '" + field.getKey() + "' is missing");
                    }
                }
            }
            return Optional.empty();
        }

        private Optional<String> member(SdkPojo owner, SdkField<?> field, BotocoreModels.Shape model, String name,
                JsonNode value) {
            if (value.isNull()) {
                return Optional.empty();
            }
            MarshallingType<?> type = field.marshallingType();
            if (type == MarshallingType.SDK_BYTES && decodedBlobs) {
                return Optional.empty();
            }
            if (type == MarshallingType.STRING || type == MarshallingType.INSTANT || type == MarshallingType.SDK_BYTES) {
                if (!value.isTextual()) {
                    return must(name, "a string");
                }
                Set<String> known = owner == null ? Set.of() : enumValues(owner, field);
                if (!known.isEmpty() && !known.contains(value.asText())) {
                    return Optional.of("Field '" + name + "' is not an expected value");
                }
                return model == null ? Optional.empty() : model.lengthViolation(name,
                        type == MarshallingType.SDK_BYTES ? BotocoreModels.blobLength(value.asText())
                                : value.asText().codePointCount(0, value.asText().length()));
            }
            if (NUMBERS.contains(type)) {
                if (!value.isNumber()) {
                    return must(name, "a number");
                }
                return model == null ? Optional.empty() : model.rangeViolation(name, value.decimalValue());
            }
            if (type == MarshallingType.BOOLEAN) {
                return value.isBoolean() ? Optional.empty() : must(name, "a boolean");
            }
            if (type == MarshallingType.LIST) {
                if (!value.isArray()) {
                    return must(name, "an array");
                }
                SdkField<?> item = field.getTrait(ListTrait.class).memberFieldInfo();
                for (JsonNode element : value) {
                    Optional<String> violation = member(null, item, model == null ? null : model.element(), name,
                            element);
                    if (violation.isPresent()) {
                        return violation;
                    }
                }
                return Optional.empty();
            }
            if (type == MarshallingType.MAP) {
                if (!value.isObject()) {
                    return must(name, "an object");
                }
                SdkField<?> entry = field.getTrait(MapTrait.class).valueFieldInfo();
                for (JsonNode element : value) {
                    Optional<String> violation = member(null, entry, model == null ? null : model.value(), name,
                            element);
                    if (violation.isPresent()) {
                        return violation;
                    }
                }
                return Optional.empty();
            }
            if (type == MarshallingType.SDK_POJO) {
                if (!value.isObject()) {
                    return must(name, "an object");
                }
                return structure(field.constructor().get(), model, value);
            }
            return Optional.empty();
        }
    }

    private static Optional<String> must(String name, String what) {
        return Optional.of("Field '" + name + "' must be " + what);
    }

    /**
     * The values of an enum member: the SDK gives such a member a getter returning its enum and a
     * {@code ...AsString} getter; the enum lists its values in {@code knownValues()}.
     */
    private static Set<String> enumValues(SdkPojo owner, SdkField<?> field) {
        Class<?> model = owner.getClass().getEnclosingClass() != null ? owner.getClass().getEnclosingClass()
                : owner.getClass();
        String getter = Character.toLowerCase(field.memberName().charAt(0)) + field.memberName().substring(1);
        try {
            model.getMethod(getter + "AsString");
            Method typed = model.getMethod(getter);
            if (!typed.getReturnType().isEnum()) {
                return Set.of();
            }
            Object values = typed.getReturnType().getMethod("knownValues").invoke(null);
            return ((Set<?>) values).stream().map(String::valueOf).collect(Collectors.toSet());
        } catch (ReflectiveOperationException e) {
            return Set.of();
        }
    }

    private static String capitalised(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
