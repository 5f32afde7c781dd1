package io.stepwise.engine.port;

/**
 * How AWS would encrypt a state machine's or activity's data: kept and echoed, since Stepwise encrypts nothing.
 * {@code kmsKeyId} and {@code kmsDataKeyReusePeriodSeconds} are {@code null} when not given.
 */
public record EncryptionConfiguration(String type, String kmsKeyId, Integer kmsDataKeyReusePeriodSeconds) {
    public static final String AWS_OWNED_KEY = "AWS_OWNED_KEY";
    public static final String CUSTOMER_MANAGED_KMS_KEY = "CUSTOMER_MANAGED_KMS_KEY";
    /** What a resource created without an encryption configuration has. */
    public static final EncryptionConfiguration DEFAULT = new EncryptionConfiguration(AWS_OWNED_KEY, null, null);
}
