package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.EncryptionConfiguration;

/** The {@code encryptionConfiguration} member of CreateStateMachine, UpdateStateMachine and CreateActivity. */
final class EncryptionConfigurations {
    private static final String MEMBER = "encryptionConfiguration";

    private EncryptionConfigurations() {
    }

    /** The configuration the request gives, or {@code null} when it gives none. */
    static EncryptionConfiguration of(ApiRequest request) {
        JsonNode node = request.node(MEMBER);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.of("SerializationException", "Member '" + MEMBER + "' must be a structure");
        }
        String type = text(node, "type");
        if (type == null) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value null at '" + MEMBER
                    + ".type' failed to satisfy constraint: Member must not be null");
        }
        if (!type.equals(EncryptionConfiguration.AWS_OWNED_KEY)
                && !type.equals(EncryptionConfiguration.CUSTOMER_MANAGED_KMS_KEY)) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value '" + type + "' at '"
                    + MEMBER + ".type' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [AWS_OWNED_KEY, CUSTOMER_MANAGED_KMS_KEY]");
        }
        String kmsKeyId = text(node, "kmsKeyId");
        if (kmsKeyId != null) {
            StateMachineOperations.requireLength(kmsKeyId, 1, 2048, MEMBER + ".kmsKeyId");
        }
        Integer reuse = reusePeriod(node.get("kmsDataKeyReusePeriodSeconds"));
        if (type.equals(EncryptionConfiguration.CUSTOMER_MANAGED_KMS_KEY) && kmsKeyId == null) {
            throw ApiException.of("InvalidEncryptionConfiguration", "Invalid Encryption Configuration:"
                    + " 'kmsKeyId is required when the type is CUSTOMER_MANAGED_KMS_KEY'");
        }
        return new EncryptionConfiguration(type, kmsKeyId, reuse);
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.of("SerializationException", "Member '" + MEMBER + "." + member + "' must be a string");
        }
        return value.textValue();
    }

    /** The model's {@code KmsDataKeyReusePeriodSeconds}: 60 to 900. */
    private static Integer reusePeriod(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw ApiException.of("SerializationException", "Member '" + MEMBER
                    + ".kmsDataKeyReusePeriodSeconds' must be an integer");
        }
        if (!value.canConvertToInt() || value.intValue() < 60 || value.intValue() > 900) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value '" + value.asText()
                    + "' at '" + MEMBER + ".kmsDataKeyReusePeriodSeconds' failed to satisfy constraint: Member must"
                    + " have value " + (value.canConvertToInt() && value.intValue() < 60
                    ? "greater than or equal to 60" : "less than or equal to 900"));
        }
        return value.intValue();
    }

    /** Describe* echo the configuration; a resource created without one has AWS's default. */
    static void put(ObjectNode response, EncryptionConfiguration encryption) {
        ObjectNode node = response.putObject(MEMBER).put("type", encryption.type());
        WireJson.putIfPresent(node, "kmsKeyId", encryption.kmsKeyId());
        if (encryption.kmsDataKeyReusePeriodSeconds() != null) {
            node.put("kmsDataKeyReusePeriodSeconds", encryption.kmsDataKeyReusePeriodSeconds());
        }
    }
}
