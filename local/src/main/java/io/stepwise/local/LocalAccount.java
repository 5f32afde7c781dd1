package io.stepwise.local;

/** The fixed AWS account a local run pretends to be in, so ARNs look like the ones AWS issues. */
public final class LocalAccount {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    public static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/StepwiseLocal";

    private LocalAccount() {
    }

    public static String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
    }
}
